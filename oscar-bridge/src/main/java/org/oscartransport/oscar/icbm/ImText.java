package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * Channel-1 message data (TLV 0x0002, oscar.md §5.3): a features fragment then a text fragment with its charset.
 */
public final class ImText {

    public static final int CHARSET_ASCII = 0x0000;
    public static final int CHARSET_UTF16BE = 0x0002;
    public static final int CHARSET_LATIN1 = 0x0003;

    /** Bytes {@link #write} adds around the text: the features fragment and the text fragment's header. */
    public static final int OVERHEAD = 5 + 4 + 4;

    private static final int FRAGMENT_FEATURES = 0x05;
    private static final int FRAGMENT_TEXT = 0x01;

    private ImText() {}

    /** Writes the fragments for {@code text}: ASCII when every character allows it, else UTF-16BE. */
    public static void write(ByteBuf out, String text) {
        boolean ascii = text.chars().allMatch(c -> c < 0x80);
        byte[] bytes = text.getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
        out.writeByte(FRAGMENT_FEATURES).writeByte(1).writeShort(1).writeByte(1);
        out.writeByte(FRAGMENT_TEXT).writeByte(1).writeShort(4 + bytes.length);
        out.writeShort(ascii ? CHARSET_ASCII : CHARSET_UTF16BE).writeShort(0);
        out.writeBytes(bytes);
    }

    /** Decodes every text fragment (normally one) and joins them; returns "" when there is none. */
    public static String read(ByteBuf data) {
        StringBuilder text = new StringBuilder();
        while (data.isReadable()) {
            int id = WireReads.u8(data, "fragment id");
            WireReads.u8(data, "fragment version");
            int length = WireReads.u16(data, "fragment length");
            WireReads.require(data, length, "fragment data");
            ByteBuf fragment = data.readSlice(length);
            if (id == FRAGMENT_TEXT) {
                int charset = WireReads.u16(fragment, "text charset");
                WireReads.u16(fragment, "text charsubset");
                byte[] bytes = new byte[fragment.readableBytes()];
                fragment.readBytes(bytes);
                text.append(decode(charset, bytes));
            }
        }
        return text.toString();
    }

    static String decode(int charset, byte[] bytes) {
        return switch (charset) {
            case CHARSET_UTF16BE -> new String(bytes, StandardCharsets.UTF_16BE);
            case CHARSET_LATIN1 -> new String(bytes, StandardCharsets.ISO_8859_1);
            // "ASCII" from real clients is often UTF-8 or Latin-1 in disguise
            default -> decodeLenient(bytes);
        };
    }

    /** UTF-8 if the bytes are valid UTF-8 (pure ASCII is), else ISO-8859-1, which accepts anything. */
    public static String decodeLenient(byte[] bytes) {
        String utf8 = decodeStrict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Decodes or returns null when the bytes are not valid in {@code charset}. */
    public static String decodeStrict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
