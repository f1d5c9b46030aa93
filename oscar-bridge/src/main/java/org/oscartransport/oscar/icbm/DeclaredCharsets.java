package org.oscartransport.oscar.icbm;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text whose encoding OSCAR names in a separate string, such as {@code text/aolrtf; charset="unicode-2-0"} (away
 * messages, 0002/0004 TLV 0x0003) or a file name's charset (oscar.md §12.5.1). {@code unicode-2-0} is UCS-2 big
 * endian; an unnamed or unknown charset is decoded leniently (UTF-8, else ISO-8859-1).
 */
public final class DeclaredCharsets {

    private DeclaredCharsets() {}

    public static String decode(byte[] text, String declared) {
        Charset charset = charsetFor(declared);
        return charset != null ? new String(text, charset) : ImText.decodeLenient(text);
    }

    /** The charset a declaration names, or null if it names none we know. */
    public static Charset charsetFor(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String name = declared.trim().toLowerCase(Locale.ROOT);
        int idx = name.indexOf("charset=");
        if (idx >= 0) {
            name = name.substring(idx + 8).replace("\"", "").trim();
        }
        if (name.equals("unicode-2-0")) {
            return StandardCharsets.UTF_16BE;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
