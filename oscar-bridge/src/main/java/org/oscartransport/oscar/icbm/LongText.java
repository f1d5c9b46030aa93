package org.oscartransport.oscar.icbm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a text that is too long for one ICBM into parts that each fit, in order. The parts concatenate to exactly
 * the original text: nothing is dropped or added, and whitespace at a cut stays at the end of the earlier part. A
 * cut goes after the last whitespace in the second half of a part when there is one, and never falls between the
 * two halves of a UTF-16 surrogate pair nor inside an HTML character reference such as {@code &amp;}.
 */
public final class LongText {

    /** Longest character reference we keep whole, '&' and ';' included. */
    private static final int MAX_ENTITY = 34;
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");

    private LongText() {}

    /**
     * Splits {@code text} so that each part's text bytes, as {@link ImText#write} encodes them, are at most
     * {@code maxTextBytes}. Always returns at least one part.
     */
    public static List<String> split(String text, int maxTextBytes) {
        if (maxTextBytes < 4) {
            throw new IllegalArgumentException("A part must hold at least one character: " + maxTextBytes);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        do {
            int end = longestFit(text, start, maxTextBytes);
            int cut = end == text.length() ? end : betterCut(text, start, end);
            parts.add(text.substring(start, cut));
            start = cut;
        } while (start < text.length());
        return parts;
    }

    /** The largest end such that {@code text[start, end)} encodes within {@code budget} bytes. */
    static int longestFit(String text, int start, int budget) {
        boolean ascii = true;
        int end = start;
        while (end < text.length()) {
            boolean nextAscii = ascii && text.charAt(end) < 0x80;
            int count = end + 1 - start;
            if ((nextAscii ? count : 2 * count) > budget) {
                break;
            }
            ascii = nextAscii;
            end++;
        }
        return end;
    }

    /** Moves a cut at the size limit back to a whitespace, and off surrogate pairs and character references. */
    private static int betterCut(String text, int start, int end) {
        int cut = end;
        if (Character.isHighSurrogate(text.charAt(cut - 1)) && Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        int halfway = start + (cut - start) / 2;
        for (int i = cut - 1; i >= halfway; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1; // a reference contains no whitespace, so this cut is outside any
            }
        }
        int entityStart = referenceAround(text, cut);
        return entityStart > start ? entityStart : cut;
    }

    /** Where the character reference that {@code cut} would split starts, or -1 when it splits none. */
    private static int referenceAround(String text, int cut) {
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp < 0 || cut - amp >= MAX_ENTITY) {
            return -1;
        }
        Matcher m = ENTITY.matcher(text).region(amp, Math.min(text.length(), amp + MAX_ENTITY));
        return m.lookingAt() && m.end() > cut ? amp : -1;
    }
}
