package org.oscartransport.oscar.icbm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes libpurple's wrapping of ICQ messages: {@code <HTML><BODY>escaped text</BODY></HTML>}. Text that is not
 * wrapped that way is returned unchanged, since plain ICQ clients send plain text that may contain '<'.
 */
public final class HtmlText {

    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");

    private HtmlText() {}

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
