package org.oscartransport.http.naming;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A peer-supplied file name made safe to put in a URL path, a header and a client's download folder.
 *
 * <p>Keeps the last path segment only, removes control, bidi-override, quote and slash characters, collapses
 * dot runs (so {@code ..} cannot mean "parent"), strips leading dots, keeps the extension, and falls back to
 * {@code file} when nothing is left. {@link #fittingEncodedLength} shortens the stem, never the extension.
 */
public final class SafeFileName {

    static final String FALLBACK = "file";
    /** Longer "extensions" are treated as part of the stem: clients only recognise short ones. */
    private static final int MAX_EXTENSION_LENGTH = 10;

    private final String stem;
    private final String extension; // with its dot, or ""

    private SafeFileName(String stem, String extension) {
        this.stem = stem;
        this.extension = extension;
    }

    public static SafeFileName of(String offered) {
        String name = Normalizer.normalize(lastSegment(offered), Normalizer.Form.NFC);
        name = removeUnsafeCharacters(name);
        name = name.replaceAll("\\.{2,}", ".");
        name = stripLeadingDotsAndSpaces(name);
        name = stripTrailingDotsAndSpaces(name);
        if (name.isEmpty()) name = FALLBACK;
        int dot = name.lastIndexOf('.');
        if (dot > 0 && isPlainExtension(name.substring(dot + 1))) {
            return new SafeFileName(name.substring(0, dot), name.substring(dot));
        }
        return new SafeFileName(name, "");
    }

    /** The whole name, e.g. {@code Отчёт.pdf}. */
    public String value() {
        return stem + extension;
    }

    /** The extension without its dot, lower case, or "" when there is none. */
    public String extension() {
        return extension.isEmpty() ? "" : extension.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The name percent-encoded as one URL path segment. */
    public String encoded() {
        return PercentEncoding.encode(value());
    }

    /**
     * This name, with the stem cut (at a code point boundary) until {@link #encoded()} is at most
     * {@code maxEncodedLength} characters; the extension is kept.
     */
    public SafeFileName fittingEncodedLength(int maxEncodedLength) {
        int budget = maxEncodedLength - PercentEncoding.encode(extension).length();
        if (budget < 1) throw new IllegalArgumentException("no room for a file name in " + maxEncodedLength);
        int used = 0;
        int end = 0;
        while (end < stem.length()) {
            int cp = stem.codePointAt(end);
            int cost = PercentEncoding.encodedLength(cp);
            if (used + cost > budget) break;
            used += cost;
            end += Character.charCount(cp);
        }
        if (end == stem.length()) return this;
        String cut = stripTrailingDotsAndSpaces(stem.substring(0, end));
        return new SafeFileName(cut.isEmpty() ? FALLBACK.substring(0, Math.min(budget, FALLBACK.length())) : cut,
                extension);
    }

    @Override
    public String toString() {
        return value();
    }

    private static String lastSegment(String offered) {
        int cut = Math.max(offered.lastIndexOf('/'), offered.lastIndexOf('\\'));
        return offered.substring(cut + 1);
    }

    private static String removeUnsafeCharacters(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (isRemoved(cp)) return;
            out.appendCodePoint(isWindowsReserved(cp) || Character.isWhitespace(cp) && cp != ' ' ? '_' : cp);
        });
        return out.toString();
    }

    private static boolean isRemoved(int cp) {
        if (Character.isISOControl(cp)) return true; // C0 (CR, LF, TAB, NUL...), DEL, C1
        if (cp == '"' || cp == '\'' || cp == '`' || cp == '/' || cp == '\\') return true;
        int type = Character.getType(cp);
        if (type == Character.SURROGATE) return true; // unpaired: has no UTF-8 form
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) return true;
        // Format characters include every bidi control (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C)
        // that can make "exe.txt" display as "txt.exe". ZWNJ/ZWJ stay: some scripts and emoji need them.
        return type == Character.FORMAT && cp != 0x200C && cp != 0x200D;
    }

    private static boolean isWindowsReserved(int cp) {
        return cp == '<' || cp == '>' || cp == ':' || cp == '*' || cp == '?' || cp == '|';
    }

    private static boolean isPlainExtension(String ext) {
        return !ext.isEmpty() && ext.length() <= MAX_EXTENSION_LENGTH && ext.chars().allMatch(c -> c < 0x80
                && Character.isLetterOrDigit(c));
    }

    private static String stripLeadingDotsAndSpaces(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ' ')) i++;
        return s.substring(i);
    }

    private static String stripTrailingDotsAndSpaces(String s) {
        int i = s.length();
        while (i > 0 && (s.charAt(i - 1) == '.' || s.charAt(i - 1) == ' ')) i--;
        return s.substring(0, i);
    }
}
