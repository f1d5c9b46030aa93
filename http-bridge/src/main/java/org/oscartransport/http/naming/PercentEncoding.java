package org.oscartransport.http.naming;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RFC 3986 percent-encoding of one path segment: only unreserved characters stay literal, everything else is
 * UTF-8 bytes as {@code %XX}. The result is also a valid RFC 5987 {@code value-chars} for {@code filename*}.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    public static String encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Length of {@link #encode} of one code point, without building the string. */
    public static int encodedLength(int codePoint) {
        if (codePoint < 0x80) return isUnreserved(codePoint) ? 1 : 3;
        if (codePoint < 0x800) return 6;
        if (codePoint < 0x10000) return 9;
        return 12;
    }

    /**
     * Strict decoding of a path segment ({@code +} is a plus, not a space). Empty when an escape is broken or
     * the bytes are not valid UTF-8.
     */
    public static Optional<String> decode(String segment) {
        return decode(segment, StandardCharsets.UTF_8);
    }

    /** The same, for bytes in {@code charset} (RFC 5987 {@code filename*} may name ISO-8859-1). */
    public static Optional<String> decode(String segment, java.nio.charset.Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) return Optional.empty();
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return Optional.empty();
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty(); // raw non-ASCII never appears in a request line we produced
            }
        }
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
