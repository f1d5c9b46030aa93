package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Writes and parses OFT2 headers (oscar.md §8.1). Stateless. */
public final class OftHeaderCodec {

    /** magic + hdrLen: enough to know how long the rest of the header is. */
    public static final int PREFIX_LENGTH = 6;

    private OftHeaderCodec() {}

    /** Encodes {@code header} into a new buffer of exactly its header length (≥ 256 bytes). */
    public static ByteBuf encode(OftHeader header, ByteBufAllocator alloc) {
        EncodedName name = EncodedName.of(header.fileName());
        ByteBuf out = alloc.buffer(OftHeader.FIXED_LENGTH + name.fieldLength());
        try {
            write(header, name, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Appends the encoded header to {@code out}. */
    public static void encode(OftHeader header, ByteBuf out) {
        write(header, EncodedName.of(header.fileName()), out);
    }

    private static void write(OftHeader h, EncodedName name, ByteBuf out) {
        int length = OftHeader.FIXED_LENGTH + name.fieldLength();
        int start = out.writerIndex();
        out.writeInt(OftHeader.MAGIC);
        out.writeShort(length);
        out.writeShort(h.type());
        out.writeBytes(h.cookie());
        out.writeShort(h.encryption());
        out.writeShort(h.compression());
        out.writeShort(h.totalFiles());
        out.writeShort(h.filesLeft());
        out.writeShort(h.totalParts());
        out.writeShort(h.partsLeft());
        out.writeInt((int) h.totalSize());
        out.writeInt((int) h.size());
        out.writeInt((int) h.modificationTime());
        out.writeInt((int) h.checksum());
        out.writeInt((int) h.resourceForkReceivedChecksum());
        out.writeInt((int) h.resourceForkSize());
        out.writeInt((int) h.creationTime());
        out.writeInt((int) h.resourceForkChecksum());
        out.writeInt((int) h.receivedBytes());
        out.writeInt((int) h.receivedChecksum());
        writePadded(out, idStringBytes(h.idString()), OftHeader.ID_STRING_LENGTH);
        out.writeByte(h.flags());
        out.writeByte(h.nameOffset());
        out.writeByte(h.sizeOffset());
        out.writeBytes(h.dummy());
        out.writeBytes(h.macFileInfo());
        out.writeShort(name.encoding());
        out.writeShort(h.nameLanguage());
        writePadded(out, name.bytes(), name.fieldLength());
        assert out.writerIndex() - start == length;
    }

    /**
     * Validates magic and hdrLen at {@code index} (at least {@link #PREFIX_LENGTH} readable bytes there) and
     * returns hdrLen, the length of the whole header including the prefix.
     */
    public static int headerLength(ByteBuf buf, int index) {
        int magic = buf.getInt(index);
        if (magic != OftHeader.MAGIC) {
            throw new OftProtocolException(String.format("not an OFT2 header: magic 0x%08X", magic));
        }
        int length = buf.getUnsignedShort(index + 4);
        if (length < OftHeader.FIXED_LENGTH || length > OftHeader.MAX_LENGTH) {
            throw new OftProtocolException("OFT2 header length " + length + " outside "
                    + OftHeader.FIXED_LENGTH + ".." + OftHeader.MAX_LENGTH);
        }
        return length;
    }

    /**
     * Decodes one header starting at the reader index and consumes it. The whole header (hdrLen bytes) must be
     * readable.
     */
    public static OftHeader decode(ByteBuf in) {
        if (in.readableBytes() < PREFIX_LENGTH) {
            throw new OftProtocolException("truncated OFT2 header: " + in.readableBytes() + " bytes");
        }
        int length = headerLength(in, in.readerIndex());
        if (in.readableBytes() < length) {
            throw new OftProtocolException("truncated OFT2 header: " + in.readableBytes() + " of " + length);
        }
        ByteBuf h = in.readSlice(length).skipBytes(PREFIX_LENGTH);
        OftHeader.Builder b = OftHeader.builder()
                .type(h.readUnsignedShort())
                .cookie(bytes(h, OftHeader.COOKIE_LENGTH))
                .encryption(h.readUnsignedShort())
                .compression(h.readUnsignedShort())
                .totalFiles(h.readUnsignedShort())
                .filesLeft(h.readUnsignedShort())
                .totalParts(h.readUnsignedShort())
                .partsLeft(h.readUnsignedShort())
                .totalSize(h.readUnsignedInt())
                .size(h.readUnsignedInt())
                .modificationTime(h.readUnsignedInt())
                .checksum(h.readUnsignedInt())
                .resourceForkReceivedChecksum(h.readUnsignedInt())
                .resourceForkSize(h.readUnsignedInt())
                .creationTime(h.readUnsignedInt())
                .resourceForkChecksum(h.readUnsignedInt())
                .receivedBytes(h.readUnsignedInt())
                .receivedChecksum(h.readUnsignedInt())
                .idString(new String(stripNuls(bytes(h, OftHeader.ID_STRING_LENGTH), 1), StandardCharsets.ISO_8859_1))
                .flags(h.readUnsignedByte())
                .nameOffset(h.readUnsignedByte())
                .sizeOffset(h.readUnsignedByte())
                .dummy(bytes(h, OftHeader.DUMMY_LENGTH))
                .macFileInfo(bytes(h, OftHeader.MAC_FILE_INFO_LENGTH));
        int encoding = h.readUnsignedShort();
        b.nameEncoding(encoding).nameLanguage(h.readUnsignedShort());
        b.fileName(decodeName(bytes(h, h.readableBytes()), encoding));
        return b.build();
    }

    private static String decodeName(byte[] field, int encoding) {
        return switch (encoding) {
            case OftHeader.ENCODING_UTF16BE -> new String(stripNuls(field, 2), StandardCharsets.UTF_16BE);
            case OftHeader.ENCODING_LATIN1 -> new String(stripNuls(field, 1), StandardCharsets.ISO_8859_1);
            // 0 says ASCII, but libpurple puts raw UTF-8 there (§12.4); unknown values get the same guess
            default -> utf8OrLatin1(stripNuls(field, 1));
        };
    }

    private static String utf8OrLatin1(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    /** Cuts at the first NUL unit ({@code unit} bytes wide, aligned), dropping the terminator and padding. */
    private static byte[] stripNuls(byte[] field, int unit) {
        int end = field.length - field.length % unit;
        for (int i = 0; i + unit <= end; i += unit) {
            boolean nul = true;
            for (int j = 0; j < unit; j++) {
                nul &= field[i + j] == 0;
            }
            if (nul) {
                end = i;
                break;
            }
        }
        byte[] out = new byte[end];
        System.arraycopy(field, 0, out, 0, end);
        return out;
    }

    private static byte[] idStringBytes(String id) {
        byte[] raw = id.getBytes(StandardCharsets.ISO_8859_1);
        if (raw.length > OftHeader.ID_STRING_LENGTH) {
            throw new IllegalArgumentException("id string longer than 32 bytes: " + id);
        }
        return raw;
    }

    private static void writePadded(ByteBuf out, byte[] value, int fieldLength) {
        out.writeBytes(value);
        out.writeZero(fieldLength - value.length);
    }

    private static byte[] bytes(ByteBuf in, int n) {
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    /** The name as it goes on the wire: encoding, bytes and the NUL-padded field length. */
    private record EncodedName(int encoding, byte[] bytes, int fieldLength) {

        static EncodedName of(String name) {
            boolean ascii = name.chars().allMatch(c -> c < 0x80);
            // ASCII names get one NUL, UTF-16BE names a two-byte NUL; at least 64 bytes like libpurple
            byte[] raw = name.getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
            int terminator = ascii ? 1 : 2;
            int field = Math.max(OftHeader.MIN_NAME_FIELD_LENGTH, raw.length + terminator);
            if (OftHeader.FIXED_LENGTH + field > OftHeader.MAX_LENGTH) {
                throw new IllegalArgumentException("file name too long for an OFT2 header: " + raw.length + " bytes");
            }
            return new EncodedName(ascii ? OftHeader.ENCODING_ASCII : OftHeader.ENCODING_UTF16BE, raw, field);
        }
    }
}
