package org.oscartransport.oscar.presence;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The status text inside user-info TLV 0x001D (BART info, oscar.md §0.2): items of {u16 type, u8 flags,
 * u8 length, data}; item type 0x0002 is the status string, whose data is {u16 length, UTF-8 text, ...}.
 */
public final class StatusText {

    public static final int TLV_BART = 0x001D;
    private static final int STATUS_STRING = 0x0002;

    private StatusText() {}

    /** The status text, or null if the BART info has none or is malformed (it is optional decoration). */
    public static String read(byte[] bart) {
        if (bart == null) {
            return null;
        }
        ByteBuf in = Unpooled.wrappedBuffer(bart);
        while (in.readableBytes() >= 4) {
            int type = in.readUnsignedShort();
            in.skipBytes(1);
            int length = in.readUnsignedByte();
            if (in.readableBytes() < length) {
                return null;
            }
            ByteBuf data = in.readSlice(length);
            if (type == STATUS_STRING && data.readableBytes() >= 2) {
                int textLength = data.readUnsignedShort();
                if (textLength > data.readableBytes()) {
                    return null;
                }
                String text = data.readCharSequence(textLength, StandardCharsets.UTF_8).toString();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    /** A BART value with just a status-string item; texts longer than fit are cut. */
    public static byte[] write(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int textLength = Math.min(utf8.length, 251);
        ByteBuf out = Unpooled.buffer(4 + 2 + textLength + 2);
        out.writeShort(STATUS_STRING).writeByte(0x04).writeByte(2 + textLength + 2);
        out.writeShort(textLength).writeBytes(utf8, 0, textLength).writeShort(0); // trailing encoding: none
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}
