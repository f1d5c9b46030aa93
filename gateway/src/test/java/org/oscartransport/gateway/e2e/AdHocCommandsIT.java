package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** XEP-0050 commands through Prosody, run with Smack's ad-hoc client as Jabber clients do. */
class AdHocCommandsIT {

    private static final Duration WAIT = TransportFixture.WAIT;
    private static final String COMMANDS = "http://jabber.org/protocol/commands";

    private static TransportFixture fixture;
    private static Jid transport;

    @BeforeAll
    static void startEverything() throws Exception {
        Map<String, String> icq = new java.util.HashMap<>();
        for (String uin : List.of("100021", "100022", "100024", "100026", "100027", "100028", "200021", "200022",
                "200027", "200028")) {
            icq.put(uin, "pw");
        }
        fixture = TransportFixture.start(icq, List.of("alice", "bob", "boss", "dave", "erin", "fred", "gina", "hank"),
                "--admin.jids=boss@localhost");
        transport = JidCreate.from(TransportFixture.DOMAIN);
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void theTransportAdvertisesCommands() throws Exception {
        try (XmppTestClient dave = fixture.connect("dave", "laptop")) {
            assertThat(dave.discoInfo(TransportFixture.DOMAIN).containsFeature(COMMANDS)).isTrue();
        }
    }

    @Test
    void aUserListsTheirCommandsAndGetsFileOffersAsTextAfterChoosingIt() throws Exception {
        try (XmppTestClient alice = fixture.connect("alice", "phone")) {
            TransportFixture.goOnline(alice, "100021", "pw");
            assertThat(nodes(alice)).containsExactly("transfers", "settings", "unregister");

            RemoteCommand settings = commands(alice).getRemoteCommand(transport, "settings");
            settings.execute();
            assertThat(settings.getForm().getField("offer-style").getFirstValue()).isEqualTo("auto");
            FillableForm form = new FillableForm(settings.getForm());
            form.setAnswer("offer-style", "text");
            settings.complete(form);
            assertThat(settings.isCompleted()).isTrue();
            assertThat(settings.getNotes()).extracting(AdHocCommandNote::getValue).containsExactly("Settings saved.");

            OscarSession contact = fixture.contacts.login("200021", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
            try {
                contact.sendFile("100021", InboundFileIT.randomFile("report.pdf"));
                Message offer = alice.awaitMessage(m -> m.getBody() != null && m.getBody().contains("report.pdf"), WAIT);
                assertThat(offer.getFrom().toString()).startsWith("200021@" + TransportFixture.DOMAIN);
                assertThat(offer.getBody()).startsWith("report.pdf (10.0 MiB): http://127.0.0.1:").endsWith("/report.pdf");
                assertThat(Oob.ofMessage(offer)).as("a plain line, no jabber:x:oob").isEmpty();
            } finally {
                contact.close();
            }
        }
    }

    @Test
    void anAdminSeesStatisticsAndOnlineUsersAndAnnouncesToThem() throws Exception {
        try (XmppTestClient bob = fixture.connect("bob", "desktop"); XmppTestClient boss = fixture.connect("boss", "console")) {
            TransportFixture.goOnline(bob, "100022", "pw");
            assertThat(nodes(boss)).as("an unregistered admin sees the admin commands only")
                    .containsExactly("admin/statistics", "admin/online-users", "admin/transfers", "admin/announce");

            RemoteCommand statistics = commands(boss).getRemoteCommand(transport, "admin/statistics");
            statistics.execute();
            assertThat(statistics.isCompleted()).isTrue();
            assertThat(Integer.parseInt(statistics.getForm().getField("registered-users").getFirstValue())).isGreaterThanOrEqualTo(1);
            assertThat(Integer.parseInt(statistics.getForm().getField("online-users").getFirstValue())).isGreaterThanOrEqualTo(1);
            assertThat(statistics.getForm().getField("active-transfers")).isNotNull();
            assertThat(statistics.getForm().getField("completed-transfers")).isNotNull();

            RemoteCommand online = commands(boss).getRemoteCommand(transport, "admin/online-users");
            online.execute();
            assertThat(online.getForm().getField("users").getValuesAsString()).contains("bob@localhost");
            assertThat(online.getNotes().get(0).getValue()).contains("bob@localhost (UIN 100022, on ICQ)");

            RemoteCommand announce = commands(boss).getRemoteCommand(transport, "admin/announce");
            announce.execute();
            FillableForm form = new FillableForm(announce.getForm());
            form.setAnswer("body", "Maintenance at 18:00 UTC");
            announce.complete(form);
            assertThat(announce.getNotes().get(0).getValue()).startsWith("Sent to ");
            Message heard = bob.awaitMessage(m -> "Maintenance at 18:00 UTC".equals(m.getBody()), WAIT);
            assertThat(heard.getFrom().toString()).isEqualTo(TransportFixture.DOMAIN);
        }
    }

    @Test
    void aUserRunningAnAdminCommandIsForbiddenAndAnUnknownNodeIsNotFound() throws Exception {
        try (XmppTestClient erin = fixture.connect("erin", "tablet")) {
            assertThatThrownBy(() -> commands(erin).getRemoteCommand(transport, "admin/statistics").execute())
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
            assertThatThrownBy(() -> commands(erin).getRemoteCommand(transport, "no-such-command").execute())
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
            assertThat(nodes(erin)).as("not registered: nothing to run").isEmpty();
        }
    }

    @Test
    void cancellingARunningDownloadEndsBothSides() throws Exception {
        try (XmppTestClient dave = fixture.connect("dave", "desktop")) {
            TransportFixture.goOnline(dave, "100024", "pw");
            cancelRunningDownload(dave, "100024", "200022", dave, "transfers");
            RemoteCommand after = commands(dave).getRemoteCommand(transport, "transfers");
            after.execute();
            assertThat(after.getNotes().get(0).getValue()).isEqualTo("No file transfers under way.");
        }
    }

    @Test
    void anAdminCancelsAnotherUsersDownload() throws Exception {
        try (XmppTestClient gina = fixture.connect("gina", "desktop"); XmppTestClient boss = fixture.connect("boss", "ops")) {
            TransportFixture.goOnline(gina, "100027", "pw");
            cancelRunningDownload(gina, "100027", "200027", boss, "admin/transfers");
        }
    }

    /** A download held open by a reader that stopped reading is cancelled by {@code canceller} through {@code node}. */
    private static void cancelRunningDownload(XmppTestClient user, String uin, String contactUin,
            XmppTestClient canceller, String node) throws Exception {
        OscarSession contact = fixture.contacts.login(contactUin, "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
        try {
            CompletableFuture<Void> sent = contact.sendFile(uin, InboundFileIT.randomFile("movie-" + uin + ".mkv"));
            String url = Oob.ofMessage(user.awaitOobMessage(WAIT)).orElseThrow().url();
            // Read a little, then stop: back-pressure holds the transfer open.
            HttpResponse<InputStream> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = download.body();
            assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);

            RemoteCommand transfers = commands(canceller).getRemoteCommand(transport, node);
            transfers.execute();
            // Other tests' offers may still be listed (admins see everyone's): pick ours by name.
            String file = "movie-" + uin + ".mkv";
            assertThat(transfers.getForm().getField("transfers").getValuesAsString())
                    .anySatisfy(line -> assertThat(line).contains(file + " from " + contactUin, " of 10.0 MiB"));
            FormField cancel = transfers.getForm().getField("cancel");
            String id = ((ListSingleFormField) cancel).getOptions().stream()
                    .filter(o -> o.getLabel().contains(file)).findFirst().orElseThrow().getValueString();
            FillableForm form = new FillableForm(transfers.getForm());
            form.setAnswer("cancel", id);
            transfers.complete(form);
            assertThat(transfers.getNotes().get(0).getValue()).isEqualTo("Cancelled movie-" + uin + ".mkv.");

            assertThatThrownBy(() -> sent.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the ICQ contact's send ends in failure, not a hang").isNotInstanceOf(TimeoutException.class);
            assertThat(drain(body)).as("the download is cut short").isLessThan(10 * 1024 * 1024 - 64 * 1024);
        } finally {
            contact.close();
        }
    }

    @Test
    void noticesAboutFailedTransfersStopWhenTheUserTurnsThemOff() throws Exception {
        try (XmppTestClient hank = fixture.connect("hank", "desktop")) {
            TransportFixture.goOnline(hank, "100028", "pw");
            downloadDroppedByContact(hank, "first.bin");
            hank.awaitMessage(m -> m.getBody() != null && m.getBody().startsWith("[File first.bin failed"), WAIT);

            RemoteCommand settings = commands(hank).getRemoteCommand(transport, "settings");
            settings.execute();
            FillableForm form = new FillableForm(settings.getForm());
            form.setAnswer("notices", false);
            settings.complete(form);
            assertThat(settings.getNotes().get(0).getValue()).isEqualTo("Settings saved.");

            downloadDroppedByContact(hank, "second.bin");
            Thread.sleep(1500); // the notice of the first drop came within milliseconds
            assertThat(hank.messages().pending()).noneMatch(m -> m.getBody() != null && m.getBody().contains("second.bin failed"));
        }
    }

    /** The contact signs off in the middle of a download; returns once the download was cut short. */
    private static void downloadDroppedByContact(XmppTestClient user, String name) throws Exception {
        OscarSession contact = fixture.contacts.login("200028", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
        try {
            contact.sendFile("100028", InboundFileIT.randomFile(name));
            String url = Oob.ofMessage(user.awaitMessage(m -> Oob.ofMessage(m).map(o -> o.url().endsWith("/" + name))
                    .orElse(false), WAIT)).orElseThrow().url();
            InputStream body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body();
            assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);
            contact.close();
            assertThat(drain(body)).isLessThan(10 * 1024 * 1024 - 64 * 1024);
        } finally {
            contact.close();
        }
    }

    @Test
    void unregisteringEndsTheRegistration() throws Exception {
        try (XmppTestClient fred = fixture.connect("fred", "laptop")) {
            TransportFixture.goOnline(fred, "100026", "pw");
            RemoteCommand unregister = commands(fred).getRemoteCommand(transport, "unregister");
            unregister.execute();
            FillableForm form = new FillableForm(unregister.getForm());
            form.setAnswer("confirm", true);
            unregister.complete(form);
            assertThat(unregister.getNotes().get(0).getValue()).isEqualTo("Unregistered.");
            fred.awaitPresence(p -> p.getFrom().toString().equals(TransportFixture.DOMAIN)
                    && p.getType() == Presence.Type.unavailable, WAIT);
            assertThat(nodes(fred)).as("no registration, no commands").isEmpty();
        }
    }

    private static AdHocCommandManager commands(XmppTestClient client) {
        return AdHocCommandManager.getAddHocCommandsManager(client.connection());
    }

    private static List<String> nodes(XmppTestClient client) throws Exception {
        DiscoverItems items = commands(client).discoverCommands(transport);
        return items.getItems().stream().map(DiscoverItems.Item::getNode).toList();
    }

    /** Reads what is left; a connection cut mid-body counts as the end. */
    private static long drain(InputStream body) {
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            for (int r; (r = body.read(buffer)) > 0; ) {
                n += r;
            }
        } catch (IOException cutShort) {
            // expected: the response was closed before Content-Length was reached
        }
        return n;
    }
}
