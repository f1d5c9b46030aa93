package org.oscartransport.http.zip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes several files as one ZIP archive while their bytes stream in, with a length that is exact before the
 * first byte: it depends only on the file count and the total size, never on the names or on how the total is
 * split among the files. That is what lets a download of several ICQ files answer HEAD, and send
 * Content-Length, before any file is known.
 *
 * <p>How the length is made independent of what arrives:
 * <ul>
 *   <li>Every local header and central-directory entry reserves {@link #NAME_FIELD} bytes for the name plus an
 *       extra field of padding (id {@link #PADDING_ID}, unregistered, which readers skip).</li>
 *   <li>General-purpose flag bit 3: CRC-32 and sizes follow the data in a data descriptor, computed while the
 *       bytes pass. Bit 11: names are UTF-8.</li>
 *   <li>The data is stored uncompressed, framed as DEFLATE "stored" blocks (method 8: a 5-byte header per
 *       block of at most 65535 bytes, RFC 1951 §3.2.4). Plain method 0 would need no framing, but streaming
 *       readers such as {@code java.util.zip.ZipInputStream} refuse method 0 with a data descriptor, as they
 *       cannot find the data's end. The number of blocks depends on each file's size, so the archive reserves
 *       {@code fileCount + totalSize / 65535} blocks, enough for any split, and the last entry begins with
 *       as many empty blocks as are left over.</li>
 *   <li>No Zip64: archives must stay under 4 GiB ({@link #fits}).</li>
 * </ul>
 *
 * <p>Use: {@link #startEntry}, {@link #data} any number of times, {@link #endEntry}, for each of the announced
 * files, then {@link #finish}. When the files disagree with the announcement (more or fewer, a different total)
 * the call that notices throws {@link ZipContentMismatchException} and the archive is unusable. Not
 * thread-safe; the returned buffers belong to the caller.
 */
public final class StreamedZip {

    /** Bytes reserved in each header for the UTF-8 name and the padding extra field (its 4-byte head included). */
    public static final int NAME_FIELD = ZipEntryNames.MAX_BYTES + 4;
    /** The padding extra field's header id ("TO"); not registered by PKWARE, so every reader skips it. */
    static final int PADDING_ID = 0x4F54;
    static final int LOCAL_HEADER = 30;
    static final int DATA_DESCRIPTOR = 16;
    static final int CENTRAL_ENTRY = 46;
    static final int END_OF_CENTRAL_DIRECTORY = 22;
    static final int MAX_BLOCK = 0xFFFF;
    static final int BLOCK_HEADER = 5;
    /** Per file, everything but its data and its stored-block headers. */
    static final long PER_ENTRY = LOCAL_HEADER + NAME_FIELD + DATA_DESCRIPTOR + CENTRAL_ENTRY + NAME_FIELD;

    private static final int FLAGS = 0x0008 | 0x0800; // data descriptor, UTF-8 names
    private static final int METHOD_DEFLATE = 8;
    private static final int VERSION = 20;
    private static final int MADE_BY_UNIX = 3 << 8 | VERSION;
    private static final long REGULAR_FILE_0644 = 0100644L << 16;
    private static final long U32 = 0xFFFF_FFFFL;

    private record Entry(byte[] name, long offset, long size, long compressedSize, long crc) {}

    private final int fileCount;
    private final long totalSize;
    private final long length;
    private final int dosTime;
    private final int dosDate;
    private final ZipEntryNames names = new ZipEntryNames();
    private final List<Entry> entries = new ArrayList<>();
    private final CRC32 crc = new CRC32();
    private long reservedBlocks;
    private long written;
    private long dataSoFar;
    // the entry being written
    private boolean inEntry;
    private byte[] name;
    private long entryOffset;
    private long entrySize;
    private long entryPosition;
    private long entryBlocks;

    /**
     * @param fileCount how many files were announced
     * @param totalSize their total size in bytes
     * @param modified the modification time every entry gets (the peer's are not known)
     */
    public StreamedZip(int fileCount, long totalSize, Instant modified) {
        if (!fits(fileCount, totalSize)) {
            throw new IllegalArgumentException("no ZIP without Zip64 for " + fileCount + " files of " + totalSize
                    + " bytes");
        }
        this.fileCount = fileCount;
        this.totalSize = totalSize;
        this.length = length(fileCount, totalSize);
        this.reservedBlocks = reservedBlocks(fileCount, totalSize);
        LocalDateTime t = LocalDateTime.ofInstant(modified, ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            t = LocalDateTime.of(1980, 1, 1, 0, 0);
        }
        this.dosTime = t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2;
        this.dosDate = (t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth();
    }

    /** The exact length of the archive of {@code fileCount} files totalling {@code totalSize} bytes. */
    public static long length(int fileCount, long totalSize) {
        return fileCount * PER_ENTRY + totalSize + BLOCK_HEADER * reservedBlocks(fileCount, totalSize)
                + END_OF_CENTRAL_DIRECTORY;
    }

    /** Whether such an archive can be written without Zip64: 1 to 65535 files, all offsets under 4 GiB. */
    public static boolean fits(int fileCount, long totalSize) {
        return fileCount >= 1 && fileCount <= 0xFFFF && totalSize >= 0 && totalSize <= U32
                && length(fileCount, totalSize) <= U32;
    }

    private static long reservedBlocks(int fileCount, long totalSize) {
        // each file needs max(1, ceil(size / 65535)) <= size / 65535 + 1 blocks; summed: at most this many
        return fileCount + totalSize / MAX_BLOCK;
    }

    public long length() {
        return length;
    }

    /** Bytes returned so far. */
    public long written() {
        return written;
    }

    /**
     * Begins the next file: its local header (and, for the last file, the spare stored blocks).
     *
     * @param offeredName the peer's name for it (folders separated by 0x01), made safe here
     * @throws ZipContentMismatchException if this file is one too many or breaks the announced total
     */
    public ByteBuf startEntry(String offeredName, long size, ByteBufAllocator alloc) {
        if (inEntry) {
            throw new IllegalStateException("the previous entry has not ended");
        }
        if (entries.size() == fileCount) {
            throw new ZipContentMismatchException("more than the " + fileCount + " files announced");
        }
        if (size < 0 || dataSoFar + size > totalSize) {
            throw new ZipContentMismatchException("the files are larger than the " + totalSize + " bytes announced");
        }
        boolean last = entries.size() == fileCount - 1;
        if (last && dataSoFar + size != totalSize) {
            throw new ZipContentMismatchException("the " + fileCount + " files total " + (dataSoFar + size)
                    + " bytes, not the " + totalSize + " announced");
        }
        name = names.add(offeredName).getBytes(StandardCharsets.UTF_8);
        entryOffset = written;
        entrySize = size;
        entryPosition = 0;
        entryBlocks = 0;
        inEntry = true;
        crc.reset();
        ByteBuf out = alloc.buffer(LOCAL_HEADER + NAME_FIELD + BLOCK_HEADER);
        out.writeIntLE(0x04034b50).writeShortLE(VERSION).writeShortLE(FLAGS).writeShortLE(METHOD_DEFLATE)
                .writeShortLE(dosTime).writeShortLE(dosDate)
                .writeIntLE(0).writeIntLE(0).writeIntLE(0) // CRC and sizes: in the data descriptor
                .writeShortLE(name.length).writeShortLE(NAME_FIELD - name.length);
        writeNameAndPadding(out, name);
        if (last) {
            long spare = reservedBlocks - Math.max(1, (size + MAX_BLOCK - 1) / MAX_BLOCK);
            for (long i = 0; i < spare; i++) {
                writeBlockHeader(out, 0, false);
            }
        }
        if (size == 0) {
            writeBlockHeader(out, 0, true); // a DEFLATE stream has at least its final block
        }
        return count(out);
    }

    /** The next bytes of the current file, framed as stored blocks. Takes ownership of {@code chunk}. */
    public ByteBuf data(ByteBuf chunk, ByteBufAllocator alloc) {
        try {
            if (!inEntry || chunk.readableBytes() > entrySize - entryPosition) {
                throw new IllegalStateException("more bytes than the current entry's " + entrySize);
            }
            for (ByteBuffer b : chunk.nioBuffers()) {
                crc.update(b);
            }
        } catch (RuntimeException e) {
            chunk.release();
            throw e;
        }
        CompositeByteBuf out = alloc.compositeBuffer(Integer.MAX_VALUE);
        while (chunk.isReadable()) {
            if (entryPosition % MAX_BLOCK == 0) {
                int blockLength = (int) Math.min(MAX_BLOCK, entrySize - entryPosition);
                ByteBuf header = alloc.buffer(BLOCK_HEADER);
                writeBlockHeader(header, blockLength, entryPosition + blockLength == entrySize);
                out.addComponent(true, header);
            }
            int n = (int) Math.min(chunk.readableBytes(), MAX_BLOCK - entryPosition % MAX_BLOCK);
            out.addComponent(true, chunk.readRetainedSlice(n));
            entryPosition += n;
        }
        chunk.release();
        return count(out);
    }

    /** Ends the current file (every byte given): its data descriptor. */
    public ByteBuf endEntry(ByteBufAllocator alloc) {
        if (!inEntry || entryPosition != entrySize) {
            throw new IllegalStateException("the entry has " + entryPosition + " of " + entrySize + " bytes");
        }
        inEntry = false;
        long compressed = written - entryOffset - LOCAL_HEADER - NAME_FIELD;
        Entry entry = new Entry(name, entryOffset, entrySize, compressed, crc.getValue());
        entries.add(entry);
        dataSoFar += entrySize;
        reservedBlocks -= entryBlocks;
        ByteBuf out = alloc.buffer(DATA_DESCRIPTOR);
        out.writeIntLE(0x08074b50).writeIntLE((int) entry.crc()).writeIntLE((int) compressed)
                .writeIntLE((int) entrySize);
        return count(out);
    }

    /**
     * The central directory and its end record, after the last file.
     *
     * @throws ZipContentMismatchException if fewer files than announced were written
     */
    public ByteBuf finish(ByteBufAllocator alloc) {
        if (inEntry) {
            throw new IllegalStateException("the last entry has not ended");
        }
        if (entries.size() != fileCount || dataSoFar != totalSize) {
            throw new ZipContentMismatchException(entries.size() + " files of " + dataSoFar + " bytes arrived, not "
                    + fileCount + " of " + totalSize);
        }
        long centralStart = written;
        ByteBuf out = alloc.buffer(fileCount * (CENTRAL_ENTRY + NAME_FIELD) + END_OF_CENTRAL_DIRECTORY);
        for (Entry e : entries) {
            out.writeIntLE(0x02014b50).writeShortLE(MADE_BY_UNIX).writeShortLE(VERSION).writeShortLE(FLAGS)
                    .writeShortLE(METHOD_DEFLATE).writeShortLE(dosTime).writeShortLE(dosDate)
                    .writeIntLE((int) e.crc()).writeIntLE((int) e.compressedSize()).writeIntLE((int) e.size())
                    .writeShortLE(e.name().length).writeShortLE(NAME_FIELD - e.name().length).writeShortLE(0)
                    .writeShortLE(0).writeShortLE(0).writeIntLE((int) REGULAR_FILE_0644)
                    .writeIntLE((int) e.offset());
            writeNameAndPadding(out, e.name());
        }
        long centralSize = written + out.readableBytes() - centralStart;
        out.writeIntLE(0x06054b50).writeShortLE(0).writeShortLE(0).writeShortLE(fileCount).writeShortLE(fileCount)
                .writeIntLE((int) centralSize).writeIntLE((int) centralStart).writeShortLE(0);
        ByteBuf result = count(out);
        if (written != length) {
            result.release();
            throw new IllegalStateException("wrote " + written + " bytes, promised " + length);
        }
        return result;
    }

    private static void writeNameAndPadding(ByteBuf out, byte[] name) {
        out.writeBytes(name);
        int padding = NAME_FIELD - name.length - 4;
        out.writeShortLE(PADDING_ID).writeShortLE(padding).writeZero(padding);
    }

    /** A stored block's header: BFINAL, BTYPE 00, aligned; LEN and its complement (RFC 1951 §3.2.4). */
    private void writeBlockHeader(ByteBuf out, int blockLength, boolean last) {
        out.writeByte(last ? 1 : 0).writeShortLE(blockLength).writeShortLE(~blockLength & 0xFFFF);
        entryBlocks++;
    }

    private ByteBuf count(ByteBuf out) {
        written += out.readableBytes();
        return out;
    }
}
