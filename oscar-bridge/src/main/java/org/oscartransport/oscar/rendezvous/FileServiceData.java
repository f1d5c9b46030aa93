package org.oscartransport.oscar.rendezvous;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.icbm.DeclaredCharsets;
import org.oscartransport.oscar.tlv.WireReads;

/** Send File service data, TLV 0x2711 (oscar.md §6.3): kind, file count, 32-bit size, name. */
public record FileServiceData(int kind, int fileCount, long totalSize32, String name) {

    public static final int KIND_SINGLE = 0x0001;
    public static final int KIND_FOLDER = 0x0002;

    /**
     * Parses a 0x2711 value. The name ends at the first NUL; its charset is {@code declaredCharset} (TLV 0x2712)
     * when given and known, else UTF-8 when valid, else ISO-8859-1.
     */
    public static FileServiceData parse(byte[] value, String declaredCharset) {
        ByteBuf buf = Unpooled.wrappedBuffer(value);
        int kind = WireReads.u16(buf, "service data kind");
        int count = WireReads.u16(buf, "service data file count");
        long size = WireReads.u32(buf, "service data size");
        int nameLength = buf.bytesBefore((byte) 0);
        byte[] name = WireReads.bytes(buf, nameLength < 0 ? buf.readableBytes() : nameLength, "file name");
        return new FileServiceData(kind, count, size, decodeName(name, declaredCharset));
    }

    /**
     * The value to send: UTF-8 name written as {@code name NUL name NUL}, because libpurple 2.14 reads the
     * {@code strlen(name)} bytes after the first NUL (oscar.md §12.5.1) while everyone else stops at it.
     */
    public byte[] encode() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer(8 + 2 * (nameBytes.length + 1));
        out.writeShort(kind).writeShort(fileCount).writeInt((int) totalSize32);
        out.writeBytes(nameBytes).writeByte(0).writeBytes(nameBytes).writeByte(0);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    static String decodeName(byte[] name, String declaredCharset) {
        return DeclaredCharsets.decode(name, declaredCharset);
    }
}
