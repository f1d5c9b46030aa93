/*
 * purple-icq-probe: a tiny headless libpurple client for interop tests.
 *
 * It signs on to an OSCAR server with libpurple's ICQ protocol plugin (prpl-icq), performs one action given
 * on the command line and prints one line per event on stdout:
 *
 *   SIGNED_ON
 *   IM_SENT <to>
 *   IM_RECEIVED <from> <text>          (HTML removed, newlines as \n)
 *   IM_RAW <from> <html>               (the same message as libpurple hands it to a UI)
 *   IM_ERROR <who> <text>              (libpurple wrote an error into a conversation)
 *   XFER_REQUEST <from> <name> <size>
 *   XFER_DECLINED <from>               (--decline-file)
 *   XFER_STARTED <name>
 *   XFER_DONE <path> <bytes>
 *   XFER_FAILED <reason>
 *   BUDDY_STATUS <uin> <status-id> <message>   (a watched buddy's status; message empty if none)
 *   TYPING <from> typing|typed|stopped
 *   STATUS_SET <status-id>, WATCHING <uin>, TYPING_SENT <to> <state>   (--commands)
 *   ERROR <text>
 *   TIMEOUT
 *   TERMINATED
 *
 * With --commands it reads one command a line from stdin once signed on: "status ID [MESSAGE]" (ID as in
 * libpurple's ICQ status types: available, away, dnd, na, occupied, free4chat), "watch UIN" (put UIN on the
 * buddy list), "typing UIN typing|typed|stopped", "quit" (exit 0).
 *
 * Exit status: 0 success, 1 failure (ERROR, XFER_FAILED, IM_ERROR), 2 timeout, 3 bad usage or setup,
 * 4 ended by SIGTERM/SIGINT (prints TERMINATED).
 * Written for this project against libpurple 2.x's public API.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <gmodule.h>
#include <purple.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_ID "purple-icq-probe"

#ifndef PROBE_PLUGIN_DIR
#define PROBE_PLUGIN_DIR ""
#endif

typedef enum { ACTION_NONE, ACTION_CHECK, ACTION_SEND_IM, ACTION_AWAIT_IM, ACTION_SEND_FILE, ACTION_RECEIVE_FILE,
               ACTION_DECLINE_FILE, ACTION_COMMANDS } Action;

static struct {
    const char *uin, *password, *server, *plugin_dir, *user_dir_arg;
    int port, timeout;
    gboolean debug, await_im;
    Action action;
    const char *to, *text, *path, *dir;
} opt = { .port = 5190, .timeout = 60, .plugin_dir = PROBE_PLUGIN_DIR };

static GMainLoop *loop;
static PurpleAccount *account;
static int exit_code = 3;
static gboolean finished;
static char *user_dir;

/* ---------- output ---------- */

static void say(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

/* One line: CR/LF become the two characters \n, so a test can read events line by line. */
static char *one_line(const char *s) {
    GString *out = g_string_new(NULL);
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '\n') {
            g_string_append(out, "\\n");
        } else if (*p != '\r') {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

static gboolean quit_now(gpointer data) {
    (void) data;
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

/* Ends the run with {@code code}; lingers a little so that libpurple can flush what it still writes. */
static void finish(int code, guint linger_ms) {
    if (finished) {
        return;
    }
    finished = TRUE;
    exit_code = code;
    if (linger_ms == 0) {
        g_main_loop_quit(loop);
    } else {
        g_timeout_add(linger_ms, quit_now, NULL);
    }
}

static gboolean on_timeout(gpointer data) {
    (void) data;
    if (!finished) {
        say("TIMEOUT");
        finish(2, 0);
    }
    return G_SOURCE_REMOVE;
}

static gboolean on_signal(gpointer data) {
    (void) data;
    if (!finished) {
        say("TERMINATED");
        finish(4, 0);
    } else {
        g_main_loop_quit(loop); /* stop lingering; the result stands */
    }
    return G_SOURCE_CONTINUE;
}

/* ---------- event loop (GLib) ---------- */

typedef struct {
    PurpleInputFunction func;
    gpointer data;
    guint source;
} InputClosure;

static gboolean input_dispatch(GIOChannel *ch, GIOCondition cond, gpointer data) {
    InputClosure *c = data;
    PurpleInputCondition pc = 0;
    if (cond & (G_IO_IN | G_IO_HUP | G_IO_ERR | G_IO_PRI)) {
        pc |= PURPLE_INPUT_READ;
    }
    if (cond & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL)) {
        pc |= PURPLE_INPUT_WRITE;
    }
    c->func(c->data, g_io_channel_unix_get_fd(ch), pc);
    return TRUE;
}

static guint input_add(gint fd, PurpleInputCondition cond, PurpleInputFunction func, gpointer data) {
    InputClosure *c = g_new0(InputClosure, 1);
    GIOCondition gc = 0;
    if (cond & PURPLE_INPUT_READ) {
        gc |= G_IO_IN | G_IO_HUP | G_IO_ERR | G_IO_PRI;
    }
    if (cond & PURPLE_INPUT_WRITE) {
        gc |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
    }
    c->func = func;
    c->data = data;
    GIOChannel *ch = g_io_channel_unix_new(fd);
    c->source = g_io_add_watch_full(ch, G_PRIORITY_DEFAULT, gc, input_dispatch, c, g_free);
    g_io_channel_unref(ch);
    return c->source;
}

static PurpleEventLoopUiOps eventloop_ops = {
    .timeout_add = g_timeout_add,
    .timeout_remove = g_source_remove,
    .input_add = input_add,
    .input_remove = g_source_remove,
    .input_get_error = NULL,
    .timeout_add_seconds = g_timeout_add_seconds,
};

/* ---------- debug ---------- */

static void debug_print(PurpleDebugLevel level, const char *category, const char *arg) {
    (void) level;
    fprintf(stderr, "[%s] %s", category ? category : "-", arg);
}

static gboolean debug_enabled(PurpleDebugLevel level, const char *category) {
    (void) level;
    (void) category;
    return opt.debug;
}

static PurpleDebugUiOps debug_ops = {
    .print = debug_print,
    .is_enabled = debug_enabled,
};

/* ---------- conversations ---------- */

static void write_conv(PurpleConversation *conv, const char *who, const char *alias, const char *message,
                       PurpleMessageFlags flags, time_t mtime) {
    (void) alias;
    (void) mtime;
    if (flags & PURPLE_MESSAGE_ERROR) {
        char *plain = purple_markup_strip_html(message);
        char *line = one_line(plain);
        say("IM_ERROR %s %s", who ? who : purple_conversation_get_name(conv), line);
        g_free(line);
        g_free(plain);
        if (opt.action == ACTION_SEND_IM) {
            if (finished) {
                exit_code = 1; /* arrived while lingering after IM_SENT: the send failed after all */
            } else {
                finish(1, 0);
            }
        }
    }
}

static PurpleConversationUiOps conv_ops = {
    .write_conv = write_conv,
};

/* ---------- file transfer ---------- */

static gboolean declined;

static void xfer_failed(PurpleXfer *xfer, const char *why) {
    if (finished || declined) {
        return;
    }
    if (purple_xfer_get_status(xfer) == PURPLE_XFER_STATUS_CANCEL_REMOTE) {
        why = "cancelled by peer";
    } else if (purple_xfer_get_status(xfer) == PURPLE_XFER_STATUS_CANCEL_LOCAL) {
        why = "cancelled locally";
    }
    say("XFER_FAILED %s (%s)", why, purple_xfer_get_filename(xfer) ? purple_xfer_get_filename(xfer) : "?");
    finish(1, 0);
}

static void on_xfer_cancel_local(PurpleXfer *xfer) {
    xfer_failed(xfer, "cancelled locally");
}

static void on_xfer_cancel_remote(PurpleXfer *xfer) {
    xfer_failed(xfer, "cancelled by peer");
}

static PurpleXferUiOps xfer_ops = {
    .cancel_local = on_xfer_cancel_local,
    .cancel_remote = on_xfer_cancel_remote,
};

/* A file name from the network, made safe to use inside the target directory. */
static char *safe_name(const char *name) {
    char *base = g_path_get_basename(name && *name ? name : "unnamed");
    for (char *p = base; *p; p++) {
        if (*p == '/' || *p == '\\') {
            *p = '_';
        }
    }
    if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || *base == '\0') {
        g_free(base);
        base = g_strdup("unnamed");
    }
    return base;
}

static gboolean receive_taken;

static gboolean deny_later(gpointer data) {
    PurpleXfer *xfer = data;
    say("XFER_DECLINED %s", purple_xfer_get_remote_user(xfer));
    purple_xfer_request_denied(xfer);
    purple_xfer_unref(xfer);
    finish(0, 1000);
    return G_SOURCE_REMOVE;
}

static void on_file_recv_request(PurpleXfer *xfer, gpointer data) {
    (void) data;
    const char *name = purple_xfer_get_filename(xfer);
    say("XFER_REQUEST %s %s %lu", purple_xfer_get_remote_user(xfer), name ? name : "(null)",
        (unsigned long) purple_xfer_get_size(xfer));
    if (opt.action == ACTION_DECLINE_FILE && !declined) {
        declined = TRUE;
        /* As a user clicking "Cancel" in the request dialog: later, not inside libpurple's request call. */
        purple_xfer_ref(xfer);
        g_idle_add(deny_later, xfer);
        return;
    }
    if (opt.action != ACTION_RECEIVE_FILE || receive_taken) {
        return; /* left to the (absent) UI: nobody answers, as a user who ignores it */
    }
    receive_taken = TRUE;
    char *base = safe_name(name);
    char *target = g_build_filename(opt.dir, base, NULL);
    purple_xfer_request_accepted(xfer, target);
    g_free(target);
    g_free(base);
}

static void on_xfer_start(PurpleXfer *xfer, gpointer data) {
    (void) data;
    say("XFER_STARTED %s", purple_xfer_get_filename(xfer) ? purple_xfer_get_filename(xfer) : "?");
}

/*
 * libpurple emits file-*-complete before it counts the last chunk and before it closes the received file, so
 * the report waits for the next idle moment, when the transfer has ended and the counters are final.
 */
static gboolean report_done(gpointer data) {
    PurpleXfer *xfer = data;
    say("XFER_DONE %s %lu", purple_xfer_get_local_filename(xfer), (unsigned long) purple_xfer_get_bytes_sent(xfer));
    purple_xfer_unref(xfer);
    /* A real user keeps Pidgin open after "complete": give the protocol time to finish (OFT DONE). */
    finish(0, 1500);
    return G_SOURCE_REMOVE;
}

static void on_xfer_complete(PurpleXfer *xfer, gpointer data) {
    (void) data;
    if (finished) {
        return;
    }
    purple_xfer_ref(xfer);
    g_idle_add(report_done, xfer);
}

static void on_xfer_cancel_signal(PurpleXfer *xfer, gpointer data) {
    xfer_failed(xfer, (const char *) data);
}

/* ---------- account events ---------- */

static gboolean on_command(GIOChannel *ch, GIOCondition cond, gpointer data);

static gboolean send_file_later(gpointer data) {
    PurpleConnection *gc = data;
    serv_send_file(gc, opt.to, opt.path);
    return G_SOURCE_REMOVE;
}

static void on_signed_on(PurpleConnection *gc, gpointer data) {
    (void) data;
    say("SIGNED_ON");
    switch (opt.action) {
    case ACTION_SEND_IM: {
        /* What a UI does with typed text: escape it and send it as HTML through a conversation. */
        PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, account, opt.to);
        char *escaped = g_markup_escape_text(opt.text, -1);
        char **lines = g_strsplit(escaped, "\n", -1);
        char *html = g_strjoinv("<br>", lines); /* Pidgin's input box turns line breaks into <br> */
        purple_conv_im_send(PURPLE_CONV_IM(conv), html);
        g_free(html);
        g_strfreev(lines);
        g_free(escaped);
        say("IM_SENT %s", opt.to);
        if (!opt.await_im) {
            finish(0, 1000);
        }
        break;
    }
    case ACTION_SEND_FILE:
        g_idle_add(send_file_later, gc);
        break;
    case ACTION_COMMANDS: {
        GIOChannel *in = g_io_channel_unix_new(0);
        g_io_add_watch(in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_command, NULL);
        break;
    }
    default:
        break;
    }
}

static void on_connection_error(PurpleConnection *gc, PurpleConnectionError err, const gchar *desc, gpointer data) {
    (void) gc;
    (void) data;
    char *line = one_line(desc);
    say("ERROR connection %d: %s", (int) err, line);
    g_free(line);
    finish(1, 0);
}

static void on_im_received(PurpleAccount *acct, char *sender, char *message, PurpleConversation *conv,
                           PurpleMessageFlags flags, gpointer data) {
    (void) acct;
    (void) conv;
    (void) flags;
    (void) data;
    char *raw = one_line(message);
    say("IM_RAW %s %s", sender, raw);
    g_free(raw);
    char *plain = purple_markup_strip_html(message);
    char *line = one_line(plain);
    say("IM_RECEIVED %s %s", sender, line);
    g_free(line);
    g_free(plain);
    if ((opt.action == ACTION_SEND_IM && opt.await_im) || opt.action == ACTION_AWAIT_IM) {
        finish(0, 500);
    }
}

/* ---------- presence and typing (--commands) ---------- */

static void report_buddy_status(PurpleBuddy *buddy) {
    PurpleStatus *status = purple_presence_get_active_status(purple_buddy_get_presence(buddy));
    const char *message = purple_status_get_attr_string(status, "message");
    char *plain = message ? purple_markup_strip_html(message) : g_strdup("");
    char *line = one_line(plain);
    say("BUDDY_STATUS %s %s %s", purple_buddy_get_name(buddy), purple_status_get_id(status), line);
    g_free(line);
    g_free(plain);
}

static void on_buddy_status_changed(PurpleBuddy *buddy, PurpleStatus *old, PurpleStatus *now, gpointer data) {
    (void) old;
    (void) now;
    (void) data;
    report_buddy_status(buddy);
}

static void on_buddy_signed_on(PurpleBuddy *buddy, gpointer data) {
    (void) data;
    report_buddy_status(buddy);
}

static void on_typing(PurpleAccount *acct, const char *name, gpointer state) {
    (void) acct;
    say("TYPING %s %s", name, (const char *) state);
}

static void run_command(const char *line) {
    PurpleConnection *gc = purple_account_get_connection(account);
    char **words = g_strsplit(line, " ", 3);
    const char *verb = words[0] ? words[0] : "";
    if (strcmp(verb, "status") == 0 && words[1]) {
        const char *message = words[2] ? words[2] : "";
        purple_account_set_status(account, words[1], TRUE, "message", message, NULL);
        say("STATUS_SET %s", words[1]);
    } else if (strcmp(verb, "watch") == 0 && words[1]) {
        PurpleGroup *group = purple_group_new("Buddies");
        PurpleBuddy *buddy = purple_buddy_new(account, words[1], NULL);
        purple_blist_add_buddy(buddy, NULL, group, NULL);
        purple_account_add_buddy(account, buddy);
        say("WATCHING %s", words[1]);
    } else if (strcmp(verb, "typing") == 0 && words[1] && words[2]) {
        PurpleTypingState state = strcmp(words[2], "typing") == 0 ? PURPLE_TYPING
                : strcmp(words[2], "typed") == 0 ? PURPLE_TYPED : PURPLE_NOT_TYPING;
        serv_send_typing(gc, words[1], state);
        say("TYPING_SENT %s %s", words[1], words[2]);
    } else if (strcmp(verb, "quit") == 0) {
        finish(0, 0);
    } else {
        char *bad = one_line(line);
        say("ERROR unknown command: %s", bad);
        g_free(bad);
    }
    g_strfreev(words);
}

static gboolean on_command(GIOChannel *ch, GIOCondition cond, gpointer data) {
    (void) data;
    char *line = NULL;
    gsize terminator = 0;
    GIOStatus st = (cond & G_IO_IN) ? g_io_channel_read_line(ch, &line, NULL, &terminator, NULL) : G_IO_STATUS_EOF;
    if (st == G_IO_STATUS_NORMAL && line) {
        line[terminator] = '\0';
        run_command(line);
        g_free(line);
        return G_SOURCE_CONTINUE;
    }
    g_free(line);
    if (st == G_IO_STATUS_AGAIN) {
        return G_SOURCE_CONTINUE;
    }
    finish(0, 0); /* stdin closed: the test is done with us */
    return G_SOURCE_REMOVE;
}

/* ---------- setup ---------- */

static void usage(void) {
    fprintf(stderr,
            "usage: purple-icq-probe --check [--plugin-dir DIR]   (loads prpl-icq, prints PLUGIN_OK)\n"
            "       purple-icq-probe --uin U --password P --server H --port N [--timeout S] [--debug]\n"
            "                        [--plugin-dir DIR] [--user-dir DIR]\n"
            "                        ( --send-im TO TEXT [--await-im] | --await-im | --send-file TO PATH\n"
            "                        | --receive-file DIR | --decline-file | --commands )\n");
}

static gboolean parse_args(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEED(n) \
    if (i + (n) >= argc) { fprintf(stderr, "missing value for %s\n", a); return FALSE; }
        if (strcmp(a, "--uin") == 0) { NEED(1); opt.uin = argv[++i]; }
        else if (strcmp(a, "--password") == 0) { NEED(1); opt.password = argv[++i]; }
        else if (strcmp(a, "--server") == 0) { NEED(1); opt.server = argv[++i]; }
        else if (strcmp(a, "--port") == 0) { NEED(1); opt.port = atoi(argv[++i]); }
        else if (strcmp(a, "--timeout") == 0) { NEED(1); opt.timeout = atoi(argv[++i]); }
        else if (strcmp(a, "--plugin-dir") == 0) { NEED(1); opt.plugin_dir = argv[++i]; }
        else if (strcmp(a, "--user-dir") == 0) { NEED(1); opt.user_dir_arg = argv[++i]; }
        else if (strcmp(a, "--check") == 0) { opt.action = ACTION_CHECK; }
        else if (strcmp(a, "--debug") == 0) { opt.debug = TRUE; }
        else if (strcmp(a, "--await-im") == 0) { opt.await_im = TRUE; }
        else if (strcmp(a, "--send-im") == 0) { NEED(2); opt.action = ACTION_SEND_IM; opt.to = argv[++i]; opt.text = argv[++i]; }
        else if (strcmp(a, "--send-file") == 0) { NEED(2); opt.action = ACTION_SEND_FILE; opt.to = argv[++i]; opt.path = argv[++i]; }
        else if (strcmp(a, "--decline-file") == 0) { opt.action = ACTION_DECLINE_FILE; }
        else if (strcmp(a, "--commands") == 0) { opt.action = ACTION_COMMANDS; }
        else if (strcmp(a, "--receive-file") == 0) { NEED(1); opt.action = ACTION_RECEIVE_FILE; opt.dir = argv[++i]; }
        else { fprintf(stderr, "unknown argument: %s\n", a); return FALSE; }
#undef NEED
    }
    if (opt.action == ACTION_NONE && opt.await_im) {
        opt.action = ACTION_AWAIT_IM;
    }
    if (opt.action == ACTION_CHECK) {
        return TRUE;
    }
    if (!opt.uin || !opt.password || !opt.server || opt.port <= 0 || opt.timeout <= 0) {
        fprintf(stderr, "--uin, --password, --server and a positive --port/--timeout are required\n");
        return FALSE;
    }
    return TRUE;
}

/* libicq.so needs liboscar.so.0, which is not on the loader's path: load it globally first by full path. */
static gboolean preload_oscar(void) {
    if (!opt.plugin_dir || !*opt.plugin_dir) {
        return TRUE;
    }
    const char *names[] = { "liboscar.so.0", "liboscar.so", NULL };
    for (int i = 0; names[i]; i++) {
        char *path = g_build_filename(opt.plugin_dir, names[i], NULL);
        if (g_file_test(path, G_FILE_TEST_EXISTS)) {
            GModule *m = g_module_open(path, G_MODULE_BIND_LAZY);
            if (!m) {
                say("ERROR cannot load %s: %s", path, g_module_error());
                g_free(path);
                return FALSE;
            }
            g_module_make_resident(m);
            g_free(path);
            return TRUE;
        }
        g_free(path);
    }
    return TRUE; /* maybe on LD_LIBRARY_PATH */
}

static void remove_tree(const char *path) {
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        GDir *d = g_dir_open(path, 0, NULL);
        if (d) {
            const char *e;
            while ((e = g_dir_read_name(d)) != NULL) {
                char *child = g_build_filename(path, e, NULL);
                remove_tree(child);
                g_free(child);
            }
            g_dir_close(d);
        }
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!parse_args(argc, argv) || opt.action == ACTION_NONE) {
        usage();
        return 3;
    }
    if (opt.action == ACTION_SEND_FILE && !g_file_test(opt.path, G_FILE_TEST_IS_REGULAR)) {
        say("ERROR no such file: %s", opt.path);
        return 3;
    }
    if (opt.action == ACTION_RECEIVE_FILE && !g_file_test(opt.dir, G_FILE_TEST_IS_DIR)) {
        say("ERROR no such directory: %s", opt.dir);
        return 3;
    }

    loop = g_main_loop_new(NULL, FALSE);
    if (opt.user_dir_arg) {
        user_dir = g_strdup(opt.user_dir_arg);
        g_mkdir_with_parents(user_dir, 0700);
    } else {
        GError *err = NULL;
        user_dir = g_dir_make_tmp("purple-icq-probe-XXXXXX", &err);
        if (!user_dir) {
            say("ERROR cannot create a user directory: %s", err->message);
            return 3;
        }
    }
    purple_util_set_user_dir(user_dir);
    purple_debug_set_enabled(FALSE);
    purple_debug_set_ui_ops(&debug_ops);
    purple_eventloop_set_ui_ops(&eventloop_ops);
    purple_conversations_set_ui_ops(&conv_ops);
    purple_xfers_set_ui_ops(&xfer_ops);

    if (!preload_oscar()) {
        return 3;
    }
    if (opt.plugin_dir && *opt.plugin_dir) {
        purple_plugins_add_search_path(opt.plugin_dir);
    }
    if (!purple_core_init(UI_ID)) {
        say("ERROR libpurple core failed to initialise");
        return 3;
    }
    purple_set_blist(purple_blist_new());
    purple_blist_load();

    /* No STUN/UPnP/NAT-PMP lookups: our own address is the one of the BOS socket, as on a plain LAN. */
    purple_prefs_set_bool("/purple/network/auto_ip", FALSE);
    purple_prefs_set_bool("/purple/network/map_ports", FALSE);
    purple_prefs_set_string("/purple/network/stun_server", "");

    if (purple_find_prpl("prpl-icq") == NULL) {
        say("ERROR prpl-icq not found (plugin dir: %s)", opt.plugin_dir && *opt.plugin_dir ? opt.plugin_dir : "none");
        purple_core_quit();
        remove_tree(user_dir);
        return 3;
    }
    if (opt.action == ACTION_CHECK) {
        PurplePlugin *prpl = purple_find_prpl("prpl-icq");
        say("PLUGIN_OK %s %s", purple_plugin_get_version(prpl) ? purple_plugin_get_version(prpl) : "?",
            prpl->path ? prpl->path : "?");
        purple_core_quit();
        remove_tree(user_dir);
        return 0;
    }

    void *conn_handle = purple_connections_get_handle();
    static int handle;
    purple_signal_connect(conn_handle, "signed-on", &handle, PURPLE_CALLBACK(on_signed_on), NULL);
    purple_signal_connect(conn_handle, "connection-error", &handle, PURPLE_CALLBACK(on_connection_error), NULL);
    purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &handle,
                          PURPLE_CALLBACK(on_im_received), NULL);
    void *ch = purple_conversations_get_handle();
    purple_signal_connect(ch, "buddy-typing", &handle, PURPLE_CALLBACK(on_typing), "typing");
    purple_signal_connect(ch, "buddy-typed", &handle, PURPLE_CALLBACK(on_typing), "typed");
    purple_signal_connect(ch, "buddy-typing-stopped", &handle, PURPLE_CALLBACK(on_typing), "stopped");
    void *bh = purple_blist_get_handle();
    purple_signal_connect(bh, "buddy-status-changed", &handle, PURPLE_CALLBACK(on_buddy_status_changed), NULL);
    purple_signal_connect(bh, "buddy-signed-on", &handle, PURPLE_CALLBACK(on_buddy_signed_on), NULL);
    void *xh = purple_xfers_get_handle();
    purple_signal_connect(xh, "file-recv-request", &handle, PURPLE_CALLBACK(on_file_recv_request), NULL);
    purple_signal_connect(xh, "file-recv-start", &handle, PURPLE_CALLBACK(on_xfer_start), NULL);
    purple_signal_connect(xh, "file-send-start", &handle, PURPLE_CALLBACK(on_xfer_start), NULL);
    purple_signal_connect(xh, "file-recv-complete", &handle, PURPLE_CALLBACK(on_xfer_complete), NULL);
    purple_signal_connect(xh, "file-send-complete", &handle, PURPLE_CALLBACK(on_xfer_complete), NULL);
    purple_signal_connect(xh, "file-recv-cancel", &handle, PURPLE_CALLBACK(on_xfer_cancel_signal), "receive cancelled");
    purple_signal_connect(xh, "file-send-cancel", &handle, PURPLE_CALLBACK(on_xfer_cancel_signal), "send cancelled");

    account = purple_account_new(opt.uin, "prpl-icq");
    purple_account_set_password(account, opt.password);
    purple_account_set_remember_password(account, FALSE);
    purple_account_set_string(account, "server", opt.server);
    purple_account_set_int(account, "port", opt.port);
    purple_account_set_string(account, "login_type", "md5_login");
    purple_account_set_string(account, "encryption", "no_encryption");
    purple_account_set_bool(account, "use_ssl", FALSE);
    purple_accounts_add(account);
    purple_account_set_enabled(account, UI_ID, TRUE);
    purple_savedstatus_activate(purple_savedstatus_new(NULL, PURPLE_STATUS_AVAILABLE));

    g_timeout_add_seconds((guint) opt.timeout, on_timeout, NULL);
    /* SIGTERM/SIGINT end the run cleanly, so the temporary user directory is removed. */
    g_unix_signal_add(SIGTERM, on_signal, NULL);
    g_unix_signal_add(SIGINT, on_signal, NULL);
    g_main_loop_run(loop);

    purple_account_set_enabled(account, UI_ID, FALSE);
    purple_core_quit();
    if (!opt.user_dir_arg) {
        remove_tree(user_dir);
    }
    g_free(user_dir);
    return exit_code;
}
