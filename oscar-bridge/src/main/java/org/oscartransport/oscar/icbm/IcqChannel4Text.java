package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The old-style ICQ message in a channel-4 ICBM (TLV 0x0005, little-endian): {@code u32 senderUin, u8 type,
 * u8 flags, u16 length, text NUL}. Only plain text (type 0x01) is a message; the rest (auth requests, URLs,
 * contacts) is not understood yet.
 */
final class IcqChannel4Text {

    private static final int TYPE_PLAIN = 0x01;

    private IcqChannel4Text() {}

    /** The text, or null when the payload is absent, malformed or not a plain message. */
    static String read(byte[] payload) {
        if (payload == null || payload.length < 8) {
            return null;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(payload);
        buf.skipBytes(4);
        int type = buf.readUnsignedByte();
        buf.skipBytes(1);
        int length = buf.readUnsignedShortLE();
        if ((type & 0x7F) != TYPE_PLAIN || length > buf.readableBytes()) {
            return null;
        }
        int textLength = length > 0 && buf.getByte(buf.readerIndex() + length - 1) == 0 ? length - 1 : length;
        byte[] text = new byte[textLength];
        buf.readBytes(text);
        return ImText.decodeLenient(text);
    }
}
