package org.oscartransport.http.fetch;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.oscartransport.http.naming.PercentEncoding;

/**
 * The file name a server gave in {@code Content-Disposition} (RFC 6266): {@code filename*} (RFC 8187/5987,
 * {@code charset'lang'percent-encoded}) first, since it is the one that can carry any name, then the plain
 * {@code filename} (a token or a quoted string). The result is raw: the caller makes it safe.
 */
final class DispositionFileName {

    private DispositionFileName() {}

    static Optional<String> parse(String header) {
        if (header == null) return Optional.empty();
        String plain = null;
        String extended = null;
        Cursor in = new Cursor(header);
        in.skipUntil(';'); // the disposition type
        while (in.skip(';')) {
            String name = in.token().toLowerCase(Locale.ROOT);
            if (!in.skip('=')) {
                in.skipUntil(';');
                continue;
            }
            String value = in.peek() == '"' ? in.quoted() : in.token();
            if (name.equals("filename*") && extended == null) extended = decodeExtended(value).orElse(null);
            if (name.equals("filename") && plain == null) plain = value;
            in.skipUntil(';');
        }
        String chosen = extended != null ? extended : plain;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(chosen);
    }

    /** {@code UTF-8''na%C3%AFve.txt}; ISO-8859-1 is the only other charset RFC 8187 asks for. */
    static Optional<String> decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) return Optional.empty();
        String charsetName = value.substring(0, first).toUpperCase(Locale.ROOT);
        Charset charset = switch (charsetName) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> null;
        };
        if (charset == null) return Optional.empty();
        return PercentEncoding.decode(value.substring(second + 1), charset);
    }

    /** Just enough of RFC 9110's header grammar: tokens, quoted strings, separators, whitespace. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            skipSpace();
            return i < s.length() ? s.charAt(i) : 0;
        }

        boolean skip(char c) {
            if (peek() != c) return false;
            i++;
            return true;
        }

        void skipUntil(char c) {
            while (i < s.length() && s.charAt(i) != c) {
                if (s.charAt(i) == '"') {
                    quoted();
                } else {
                    i++;
                }
            }
        }

        String token() {
            skipSpace();
            int start = i;
            while (i < s.length() && ";=\" \t".indexOf(s.charAt(i)) < 0) i++;
            return s.substring(start, i);
        }

        String quoted() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                out.append(s.charAt(i++));
            }
            i++; // closing quote, if any
            return out.toString();
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        }
    }
}
