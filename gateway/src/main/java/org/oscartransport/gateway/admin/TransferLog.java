package org.oscartransport.gateway.admin;

import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per finished transfer on its own logger, {@value #LOGGER_NAME}, so an admin can send it to a file
 * of its own (see conf/logback.xml) and answer "what happened to the file Bob sent?" with grep:
 * <pre>
 * transfer id=8a1f00c2d3e4b5a6 dir=in uin=200004 jid=alice@example.org file="holiday.jpg" size=1048576
 *     bytes=1048576 duration=0.734s rate=1.36MiB/s outcome=completed
 * </pre>
 * Peer-supplied text (file names, reasons) is quoted and escaped, so it can neither fake a line nor hide in one.
 */
public final class TransferLog {
    public static final String LOGGER_NAME = "org.oscartransport.transfers";

    private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    /** A reason can come from an exception message; URLs in it would carry a download token. */
    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final int MAX_TEXT = 200;

    private TransferLog() {}

    public static void finished(TransferRecord transfer) {
        log.info(line(transfer));
    }

    static String line(TransferRecord t) {
        StringBuilder out = new StringBuilder("transfer")
                .append(" id=").append(t.id())
                .append(" dir=").append(t.direction().name().toLowerCase(Locale.ROOT))
                .append(" uin=").append(quotedIfNeeded(t.uin()))
                .append(" jid=").append(quotedIfNeeded(t.userJid()))
                .append(" file=").append(quoted(t.fileName()))
                .append(" size=").append(t.size())
                .append(" bytes=").append(t.bytes().isPresent() ? Long.toString(t.bytes().getAsLong()) : "?")
                .append(" duration=").append(String.format(Locale.ROOT, "%.3fs", t.duration().toNanos() / 1e9))
                .append(" rate=").append(rate(t))
                .append(" outcome=").append(t.outcome().name().toLowerCase(Locale.ROOT));
        if (!t.reason().isEmpty()) {
            out.append(" reason=").append(quoted(URL.matcher(t.reason()).replaceAll("<url>")));
        }
        return out.toString();
    }

    private static String rate(TransferRecord t) {
        long nanos = t.duration().toNanos();
        if (t.bytes().isEmpty() || nanos <= 0) {
            return "?";
        }
        double perSecond = t.bytes().getAsLong() * 1e9 / nanos;
        String[] units = {"B/s", "KiB/s", "MiB/s", "GiB/s"};
        int unit = 0;
        while (perSecond >= 1024 && unit < units.length - 1) {
            perSecond /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f%s" : "%.2f%s", perSecond, units[unit]);
    }

    /** Plain tokens (UINs, JIDs) stay bare; anything with spaces, quotes or controls is quoted. */
    private static String quotedIfNeeded(String text) {
        String value = text == null ? "" : text;
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')
                ? value : quoted(value);
    }

    /** Double-quoted, with quotes, backslashes, control and invisible formatting characters escaped. */
    static String quoted(String text) {
        String value = text == null ? "" : text;
        boolean cut = value.length() > MAX_TEXT;
        if (cut) {
            value = value.substring(0, MAX_TEXT);
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || isInvisible(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(cut ? "...\"" : "\"").toString();
    }

    /** Line/paragraph separators and bidirectional overrides could make a log line read differently. */
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                || type == Character.SURROGATE;
    }
}
