package org.oscartransport.oscar.oft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One OFT2 header ("frame"), every field of oscar.md §8.1. Immutable; derive variants with {@link #toBuilder()}.
 *
 * <p>u16 fields are {@code int}, u32 fields {@code long} (0 … 0xFFFFFFFF). {@link #nameEncoding()} is what the
 * peer sent; {@link OftHeaderCodec#encode} ignores it and picks the encoding from the name itself.
 */
public final class OftHeader {

    /** ASCII {@code OFT2}. */
    public static final int MAGIC = 0x4F465432;
    /** Length of everything before the file name field. */
    public static final int FIXED_LENGTH = 192;
    /** Minimum file name field length; with it a header is the usual 256 bytes. */
    public static final int MIN_NAME_FIELD_LENGTH = 64;
    /** Upper bound we accept for hdrLen; real clients send 256 plus a long name at most. */
    public static final int MAX_LENGTH = 8192;
    public static final int COOKIE_LENGTH = 8;
    public static final int ID_STRING_LENGTH = 32;
    public static final int DUMMY_LENGTH = 69;
    public static final int MAC_FILE_INFO_LENGTH = 16;
    /** What current clients (WinAIM, libpurple, Miranda) write as the id string. */
    public static final String COOL_FILE_XFER = "Cool FileXfer";
    /** flags: sent normally by WinAIM and Miranda. */
    public static final int FLAG_NORMAL = 0x20;
    /** flags: set in the final DONE. */
    public static final int FLAG_DONE = 0x01;

    public static final int ENCODING_ASCII = 0x0000;
    public static final int ENCODING_UTF16BE = 0x0002;
    public static final int ENCODING_LATIN1 = 0x0003;

    private final int type;
    private final byte[] cookie;
    private final int encryption;
    private final int compression;
    private final int totalFiles;
    private final int filesLeft;
    private final int totalParts;
    private final int partsLeft;
    private final long totalSize;
    private final long size;
    private final long modificationTime;
    private final long checksum;
    private final long resourceForkReceivedChecksum;
    private final long resourceForkSize;
    private final long creationTime;
    private final long resourceForkChecksum;
    private final long receivedBytes;
    private final long receivedChecksum;
    private final String idString;
    private final int flags;
    private final int nameOffset;
    private final int sizeOffset;
    private final byte[] dummy;
    private final byte[] macFileInfo;
    private final int nameEncoding;
    private final int nameLanguage;
    private final String fileName;

    private OftHeader(Builder b) {
        type = u16(b.type, "type");
        cookie = fixed(b.cookie, COOKIE_LENGTH, "cookie");
        encryption = u16(b.encryption, "encryption");
        compression = u16(b.compression, "compression");
        totalFiles = u16(b.totalFiles, "totalFiles");
        filesLeft = u16(b.filesLeft, "filesLeft");
        totalParts = u16(b.totalParts, "totalParts");
        partsLeft = u16(b.partsLeft, "partsLeft");
        totalSize = u32(b.totalSize, "totalSize");
        size = u32(b.size, "size");
        modificationTime = u32(b.modificationTime, "modificationTime");
        checksum = u32(b.checksum, "checksum");
        resourceForkReceivedChecksum = u32(b.resourceForkReceivedChecksum, "resourceForkReceivedChecksum");
        resourceForkSize = u32(b.resourceForkSize, "resourceForkSize");
        creationTime = u32(b.creationTime, "creationTime");
        resourceForkChecksum = u32(b.resourceForkChecksum, "resourceForkChecksum");
        receivedBytes = u32(b.receivedBytes, "receivedBytes");
        receivedChecksum = u32(b.receivedChecksum, "receivedChecksum");
        idString = Objects.requireNonNull(b.idString, "idString");
        flags = u8(b.flags, "flags");
        nameOffset = u8(b.nameOffset, "nameOffset");
        sizeOffset = u8(b.sizeOffset, "sizeOffset");
        dummy = fixed(b.dummy, DUMMY_LENGTH, "dummy");
        macFileInfo = fixed(b.macFileInfo, MAC_FILE_INFO_LENGTH, "macFileInfo");
        nameEncoding = u16(b.nameEncoding, "nameEncoding");
        nameLanguage = u16(b.nameLanguage, "nameLanguage");
        fileName = Objects.requireNonNull(b.fileName, "fileName");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The PROMPT a sender of one single file writes (the §8.1 example's field values). */
    public static OftHeader prompt(byte[] cookie, String fileName, long size, long checksum) {
        return builder().type(OftFrameType.PROMPT).cookie(cookie).fileName(fileName)
                .size(size).totalSize(size).checksum(checksum).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int type() { return type; }
    /** A copy of the 8-byte rendezvous cookie. */
    public byte[] cookie() { return cookie.clone(); }
    public boolean hasCookie(byte[] expected) { return Arrays.equals(cookie, expected); }
    public int encryption() { return encryption; }
    public int compression() { return compression; }
    public int totalFiles() { return totalFiles; }
    public int filesLeft() { return filesLeft; }
    public int totalParts() { return totalParts; }
    public int partsLeft() { return partsLeft; }
    public long totalSize() { return totalSize; }
    public long size() { return size; }
    public long modificationTime() { return modificationTime; }
    public long checksum() { return checksum; }
    /** §8.1 rfrcsum. */
    public long resourceForkReceivedChecksum() { return resourceForkReceivedChecksum; }
    public long resourceForkSize() { return resourceForkSize; }
    public long creationTime() { return creationTime; }
    /** §8.1 rfcsum. */
    public long resourceForkChecksum() { return resourceForkChecksum; }
    /** §8.1 nRecvd. */
    public long receivedBytes() { return receivedBytes; }
    /** §8.1 recvCsum. */
    public long receivedChecksum() { return receivedChecksum; }
    public String idString() { return idString; }
    public int flags() { return flags; }
    public int nameOffset() { return nameOffset; }
    public int sizeOffset() { return sizeOffset; }
    public byte[] dummy() { return dummy.clone(); }
    public byte[] macFileInfo() { return macFileInfo.clone(); }
    /** §8.1 nEncode as received. */
    public int nameEncoding() { return nameEncoding; }
    public int nameLanguage() { return nameLanguage; }
    public String fileName() { return fileName; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof OftHeader h)) return false;
        return type == h.type && Arrays.equals(cookie, h.cookie) && encryption == h.encryption
                && compression == h.compression && totalFiles == h.totalFiles && filesLeft == h.filesLeft
                && totalParts == h.totalParts && partsLeft == h.partsLeft && totalSize == h.totalSize
                && size == h.size && modificationTime == h.modificationTime && checksum == h.checksum
                && resourceForkReceivedChecksum == h.resourceForkReceivedChecksum
                && resourceForkSize == h.resourceForkSize && creationTime == h.creationTime
                && resourceForkChecksum == h.resourceForkChecksum && receivedBytes == h.receivedBytes
                && receivedChecksum == h.receivedChecksum && idString.equals(h.idString) && flags == h.flags
                && nameOffset == h.nameOffset && sizeOffset == h.sizeOffset && Arrays.equals(dummy, h.dummy)
                && Arrays.equals(macFileInfo, h.macFileInfo) && nameEncoding == h.nameEncoding
                && nameLanguage == h.nameLanguage && fileName.equals(h.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(cookie), size, checksum, receivedBytes, fileName);
    }

    /** Never shows the cookie: it identifies the transfer and is not for logs. */
    @Override
    public String toString() {
        return "OftHeader{" + OftFrameType.describe(type) + ", files " + filesLeft + "/" + totalFiles
                + ", size " + size + ", totalSize " + totalSize + ", checksum " + hex(checksum)
                + ", received " + receivedBytes + ", receivedChecksum " + hex(receivedChecksum)
                + ", flags 0x" + Integer.toHexString(flags) + ", nameEncoding " + nameEncoding
                + ", name '" + fileName + "'}";
    }

    private static String hex(long v) {
        return String.format("0x%08X", v);
    }

    private static int u8(int v, String name) {
        if (v < 0 || v > 0xFF) throw new IllegalArgumentException(name + " out of u8 range: " + v);
        return v;
    }

    private static int u16(int v, String name) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException(name + " out of u16 range: " + v);
        return v;
    }

    private static long u32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException(name + " out of u32 range: " + v);
        return v;
    }

    private static byte[] fixed(byte[] v, int length, String name) {
        if (v.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, not " + v.length);
        }
        return v.clone();
    }

    /** Defaults are the values a Send File sender writes (§8.1 "value when sending"). */
    public static final class Builder {
        private int type = OftFrameType.PROMPT;
        private byte[] cookie = new byte[COOKIE_LENGTH];
        private int encryption;
        private int compression;
        private int totalFiles = 1;
        private int filesLeft = 1;
        private int totalParts = 1;
        private int partsLeft = 1;
        private long totalSize;
        private long size;
        private long modificationTime;
        private long checksum = OftChecksum.INITIAL;
        private long resourceForkReceivedChecksum = OftChecksum.INITIAL;
        private long resourceForkSize;
        private long creationTime;
        private long resourceForkChecksum = OftChecksum.INITIAL;
        private long receivedBytes;
        private long receivedChecksum = OftChecksum.INITIAL;
        private String idString = COOL_FILE_XFER;
        private int flags = FLAG_NORMAL;
        private int nameOffset = 0x1C;
        private int sizeOffset = 0x11;
        private byte[] dummy = new byte[DUMMY_LENGTH];
        private byte[] macFileInfo = new byte[MAC_FILE_INFO_LENGTH];
        private int nameEncoding;
        private int nameLanguage;
        private String fileName = "";

        private Builder() {}

        private Builder(OftHeader h) {
            type = h.type;
            cookie = h.cookie;
            encryption = h.encryption;
            compression = h.compression;
            totalFiles = h.totalFiles;
            filesLeft = h.filesLeft;
            totalParts = h.totalParts;
            partsLeft = h.partsLeft;
            totalSize = h.totalSize;
            size = h.size;
            modificationTime = h.modificationTime;
            checksum = h.checksum;
            resourceForkReceivedChecksum = h.resourceForkReceivedChecksum;
            resourceForkSize = h.resourceForkSize;
            creationTime = h.creationTime;
            resourceForkChecksum = h.resourceForkChecksum;
            receivedBytes = h.receivedBytes;
            receivedChecksum = h.receivedChecksum;
            idString = h.idString;
            flags = h.flags;
            nameOffset = h.nameOffset;
            sizeOffset = h.sizeOffset;
            dummy = h.dummy;
            macFileInfo = h.macFileInfo;
            nameEncoding = h.nameEncoding;
            nameLanguage = h.nameLanguage;
            fileName = h.fileName;
        }

        public Builder type(int v) { type = v; return this; }
        public Builder cookie(byte[] v) { cookie = v; return this; }
        public Builder encryption(int v) { encryption = v; return this; }
        public Builder compression(int v) { compression = v; return this; }
        public Builder totalFiles(int v) { totalFiles = v; return this; }
        public Builder filesLeft(int v) { filesLeft = v; return this; }
        public Builder totalParts(int v) { totalParts = v; return this; }
        public Builder partsLeft(int v) { partsLeft = v; return this; }
        public Builder totalSize(long v) { totalSize = v; return this; }
        public Builder size(long v) { size = v; return this; }
        public Builder modificationTime(long v) { modificationTime = v; return this; }
        public Builder checksum(long v) { checksum = v; return this; }
        public Builder resourceForkReceivedChecksum(long v) { resourceForkReceivedChecksum = v; return this; }
        public Builder resourceForkSize(long v) { resourceForkSize = v; return this; }
        public Builder creationTime(long v) { creationTime = v; return this; }
        public Builder resourceForkChecksum(long v) { resourceForkChecksum = v; return this; }
        public Builder receivedBytes(long v) { receivedBytes = v; return this; }
        public Builder receivedChecksum(long v) { receivedChecksum = v; return this; }
        public Builder idString(String v) { idString = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder nameOffset(int v) { nameOffset = v; return this; }
        public Builder sizeOffset(int v) { sizeOffset = v; return this; }
        public Builder dummy(byte[] v) { dummy = v; return this; }
        public Builder macFileInfo(byte[] v) { macFileInfo = v; return this; }
        public Builder nameEncoding(int v) { nameEncoding = v; return this; }
        public Builder nameLanguage(int v) { nameLanguage = v; return this; }
        public Builder fileName(String v) { fileName = v; return this; }

        public OftHeader build() {
            return new OftHeader(this);
        }
    }
}
