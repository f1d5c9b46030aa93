package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The OFT2 file checksum in libpurple's exact form (oscar.md §8.5), computed incrementally.
 *
 * <p>libpurple subtracts each byte (shifted left by 8 at even absolute offsets) from a 32-bit register with
 * end-around borrow, then folds it to 16 bits. That register always holds {@code (start − S) mod (2³²−1)} in
 * 0 … 2³²−2, where S is the plain sum of the big-endian 16-bit words of the data. So we add words eight bytes at
 * a time and reproduce the register only in {@link #value()}: same result bit for bit, including libpurple's
 * "±0" case, and chunks may be fed in any split as long as each carries its absolute offset.
 *
 * <p>Not thread-safe.
 */
public final class OftChecksum {

    /** The checksum of zero bytes, and the start value of every running checksum. */
    public static final long INITIAL = 0xFFFF_0000L;

    private static final long MODULUS = 0xFFFF_FFFFL;
    private static final int FILE_CHUNK = 64 * 1024;
    /** A lane gains at most 2 × 0xFFFF per long: 32768 longs could overflow it, so fold every 16384 (128 KiB). */
    private static final int LANE_FOLD_BYTES = 128 * 1024;

    private final long start;
    private long wordSum;

    /** A checksum of no bytes yet. */
    public OftChecksum() {
        this(INITIAL);
    }

    /** Continues from a checksum libpurple computed over earlier data (its chunk-by-chunk form). */
    public static OftChecksum continuing(long previous) {
        return new OftChecksum(previous);
    }

    private OftChecksum(long previous) {
        start = (previous >>> 16) & 0xFFFF;
    }

    /**
     * Adds the readable bytes of {@code data}, whose first byte is at {@code absoluteOffset} in the file. The
     * buffer's indexes are not changed.
     */
    public OftChecksum update(ByteBuf data, long absoluteOffset) {
        int length = data.readableBytes();
        if (length == 0) {
            return this;
        }
        if (data.nioBufferCount() > 0) {
            long offset = absoluteOffset;
            for (ByteBuffer part : data.nioBuffers(data.readerIndex(), length)) {
                int n = part.remaining();
                update(part, offset);
                offset += n;
            }
        } else {
            for (int i = 0; i < length; i++) {
                addByte(data.getByte(data.readerIndex() + i), absoluteOffset + i);
            }
        }
        return this;
    }

    /** Adds the remaining bytes of {@code data} (position unchanged), first byte at {@code absoluteOffset}. */
    public OftChecksum update(ByteBuffer data, long absoluteOffset) {
        ByteBuffer bb = data.duplicate().order(ByteOrder.BIG_ENDIAN);
        int i = bb.position();
        int end = bb.limit();
        long sum = 0;
        if ((absoluteOffset & 1) != 0 && i < end) {
            sum += bb.get(i++) & 0xFF; // odd offset: low byte of its word
        }
        // two 32-bit lanes, each adding two 16-bit words per long; folded before a lane could overflow
        while (i + 8 <= end) {
            int stop = Math.min(end - 7, i + LANE_FOLD_BYTES);
            long lanes = 0;
            for (; i < stop; i += 8) {
                long x = bb.getLong(i);
                lanes += (x & 0x0000_FFFF_0000_FFFFL) + ((x >>> 16) & 0x0000_FFFF_0000_FFFFL);
            }
            sum += (lanes >>> 32) + (lanes & 0xFFFF_FFFFL);
        }
        for (; i + 2 <= end; i += 2) {
            sum += bb.getShort(i) & 0xFFFF;
        }
        if (i < end) {
            sum += (bb.get(i) & 0xFF) << 8; // even offset: high byte of its word
        }
        wordSum = (wordSum + sum % MODULUS) % MODULUS;
        return this;
    }

    private void addByte(byte b, long offset) {
        int v = (offset & 1) == 0 ? (b & 0xFF) << 8 : b & 0xFF;
        wordSum = (wordSum + v) % MODULUS;
    }

    /** The checksum of everything added so far, as it goes into an OFT2 header. */
    public long value() {
        long c = Math.floorMod(start - wordSum, MODULUS);
        c = (c & 0xFFFF) + (c >>> 16);
        c = (c & 0xFFFF) + (c >>> 16);
        return (c << 16) & 0xFFFF_FFFFL;
    }

    /** The checksum of a whole file. Blocking: keep it off the event loop. */
    public static long of(Path file) throws IOException {
        return of(file, Long.MAX_VALUE);
    }

    /** The checksum of the first {@code length} bytes of a file (fewer if the file is shorter). Blocking. */
    public static long of(Path file, long length) throws IOException {
        OftChecksum checksum = new OftChecksum();
        ByteBuffer buffer = ByteBuffer.allocate(FILE_CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            while (offset < length) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), length - offset));
                int n = ch.read(buffer, offset);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                checksum.update(buffer, offset);
                offset += n;
            }
        }
        return checksum.value();
    }

    /** The checksum of a buffer's readable bytes, taken as the start of a file. */
    public static long of(ByteBuf data) {
        return new OftChecksum().update(data, 0).value();
    }

    /** Compares two checksums the way peers do: 0 and 0xFFFF0000 both mean "±0" and are equal. */
    public static boolean matches(long a, long b) {
        return normalize(a) == normalize(b);
    }

    private static long normalize(long checksum) {
        long c = checksum & 0xFFFF_FFFFL;
        return c == 0 ? INITIAL : c;
    }
}
