package org.oscartransport.oscar.tlv;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Bounds-checked reads: a short buffer becomes a {@link MalformedDataException}, never an index error. */
public final class WireReads {

    private WireReads() {}

    public static void require(ByteBuf buf, int bytes, String what) {
        if (bytes < 0 || buf.readableBytes() < bytes) {
            throw new MalformedDataException(what + ": need " + bytes + " bytes, have " + buf.readableBytes());
        }
    }

    public static int u8(ByteBuf buf, String what) {
        require(buf, 1, what);
        return buf.readUnsignedByte();
    }

    public static int u16(ByteBuf buf, String what) {
        require(buf, 2, what);
        return buf.readUnsignedShort();
    }

    public static long u32(ByteBuf buf, String what) {
        require(buf, 4, what);
        return buf.readUnsignedInt();
    }

    public static byte[] bytes(ByteBuf buf, int length, String what) {
        require(buf, length, what);
        byte[] out = new byte[length];
        buf.readBytes(out);
        return out;
    }

    /** {@code u8 length} + ASCII bytes (screen names and UINs). */
    public static String str8(ByteBuf buf, String what) {
        int length = u8(buf, what);
        return new String(bytes(buf, length, what), StandardCharsets.US_ASCII);
    }

    public static String str16(ByteBuf buf, String what) {
        int length = u16(buf, what);
        return new String(bytes(buf, length, what), StandardCharsets.UTF_8);
    }

    public static void skip(ByteBuf buf, int length, String what) {
        require(buf, length, what);
        buf.skipBytes(length);
    }
}
