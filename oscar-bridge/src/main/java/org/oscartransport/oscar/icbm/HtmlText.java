package org.oscartransport.oscar.icbm;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libpurple's form of ICQ message text, {@code <HTML><BODY>escaped text</BODY></HTML>}, both ways. libpurple reads
 * every channel-1 IM as HTML (it only strips the wrapping) and wraps and escapes what its user types, so text for
 * a peer that reads HTML must be escaped. Text that is not wrapped that way is read unchanged, since plain ICQ
 * clients send plain text that may contain '<'.
 */
public final class HtmlText {

    /** What {@link #fromPlain} adds around any text. */
    private static final String WRAPPING = "<HTML><BODY></BODY></HTML>";
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");

    private HtmlText() {}

    /** {@code text} as an HTML-reading peer displays it verbatim: {@code <>&} escaped, line breaks as {@code <BR>}. */
    public static String fromPlain(String text) {
        StringBuilder out = new StringBuilder(text.length() + WRAPPING.length()).append("<HTML><BODY>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> {
                    out.append("<BR>");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                }
                case '\n' -> out.append("<BR>");
                default -> out.append(c);
            }
        }
        return out.append("</BODY></HTML>").toString();
    }

    /**
     * Splits plain {@code text} like {@link LongText#split} so that each part, once through {@link #fromPlain},
     * encodes within {@code maxTextBytes}. Escaping grows a part by an amount only its content decides, so parts
     * are cut with a smaller budget until all fit.
     */
    public static List<String> split(String text, int maxTextBytes) {
        int budget = maxTextBytes - 2 * WRAPPING.length();
        while (true) {
            List<String> parts = LongText.split(text, Math.max(budget, 4));
            if (budget <= 4 || parts.stream().allMatch(p -> encodedLength(fromPlain(p)) <= maxTextBytes)) {
                return parts;
            }
            budget = budget * 3 / 4;
        }
    }

    /** Bytes {@link ImText#write} takes for {@code text}: one per character in ASCII, else two (UTF-16BE). */
    private static int encodedLength(String text) {
        return text.chars().allMatch(c -> c < 0x80) ? text.length() : 2 * text.length();
    }

    public static String toPlain(String text) {
        String head = text.stripLeading();
        if (!head.regionMatches(true, 0, "<HTML>", 0, 6) && !head.regionMatches(true, 0, "<BODY", 0, 5)) {
            return text;
        }
        String withoutTags = TAG.matcher(BREAK.matcher(text).replaceAll("\n")).replaceAll("");
        return unescape(withoutTags);
    }

    static String unescape(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String original) {
        if (name.startsWith("#")) {
            try {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
                return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : original;
            } catch (NumberFormatException e) {
                return original;
            }
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00A0";
            default -> original;
        };
    }
}
