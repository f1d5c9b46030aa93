package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OftChecksumTest {

    @TempDir
    Path dir;

    @Test
    void matchesTheDocumentedVectors() {
        assertThat(checksum("")).isEqualTo(0xFFFF0000L);
        assertThat(checksum("A")).isEqualTo(0xBEFF0000L);
        assertThat(checksum("AB")).isEqualTo(0xBEBD0000L);
        assertThat(checksum("hello")).isEqualTo(0xBC2D0000L);
    }

    @Test
    void equalsTheByteByByteAlgorithmOnRandomAndBiasedData() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                // bias towards 0x00/0xFF so the "±0" corner case (sum 0xFFFF) actually occurs
                int pick = random.nextInt(4);
                data[i] = (byte) (pick == 0 ? 0x00 : pick == 1 ? 0xFF : random.nextInt(256));
            }
            assertThat(of(data)).as("round %d", round).isEqualTo(byteByByte(data, 0, data.length));
        }
    }

    @Test
    void reproducesLibpurplesPlusZeroCase() {
        // words 0xFFFF + 0xFFFF: one's-complement sum 0xFFFF after a borrow; libpurple answers 0xFFFF0000,
        // a plain "0xFFFF minus the one's-complement sum" would give 0
        byte[] data = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThat(byteByByte(data, 0, data.length)).isEqualTo(0xFFFF0000L);
        assertThat(of(data)).isEqualTo(0xFFFF0000L);
    }

    @Test
    void chunkedEqualsWholeAtOddSplitPoints() {
        Random random = new Random(7);
        byte[] data = new byte[100_003];
        random.nextBytes(data);
        long whole = of(data);
        assertThat(whole).isEqualTo(byteByByte(data, 0, data.length));
        for (int round = 0; round < 50; round++) {
            OftChecksum running = new OftChecksum();
            int offset = 0;
            while (offset < data.length) {
                int n = Math.min(data.length - offset, 1 + random.nextInt(9_999));
                ByteBuf chunk = Unpooled.wrappedBuffer(data, offset, n);
                running.update(chunk, offset);
                chunk.release();
                offset += n;
            }
            assertThat(running.value()).isEqualTo(whole);
        }
    }

    @Test
    void continuingFromAnEarlierChecksumEqualsLibpurplesChunkForm() {
        byte[] data = new byte[1001];
        new Random(3).nextBytes(data);
        long first = byteByByte(data, 0, 333);
        ByteBuf rest = Unpooled.wrappedBuffer(data, 333, data.length - 333);
        long continued = OftChecksum.continuing(first).update(rest, 333).value();
        rest.release();
        assertThat(continued).isEqualTo(byteByByteFrom(first, data, 333, data.length));
    }

    @Test
    void checksumsFilesAndFilePrefixes() throws Exception {
        byte[] data = new byte[200_001];
        new Random(5).nextBytes(data);
        Path file = dir.resolve("f.bin");
        Files.write(file, data);
        assertThat(OftChecksum.of(file)).isEqualTo(byteByByte(data, 0, data.length));
        assertThat(OftChecksum.of(file, 70_001)).isEqualTo(byteByByte(data, 0, 70_001));
        assertThat(OftChecksum.of(file, 10_000_000)).isEqualTo(byteByByte(data, 0, data.length));
    }

    @Test
    void treatsZeroAndInitialAsEqual() {
        assertThat(OftChecksum.matches(0, 0xFFFF0000L)).isTrue();
        assertThat(OftChecksum.matches(0xFFFF0000L, 0)).isTrue();
        assertThat(OftChecksum.matches(0xBC2D0000L, 0xBC2D0000L)).isTrue();
        assertThat(OftChecksum.matches(0xBC2D0000L, 0xBEFF0000L)).isFalse();
        assertThat(OftChecksum.matches(0, 0xBEFF0000L)).isFalse();
    }

    private static long checksum(String s) {
        return of(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static long of(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            return OftChecksum.of(buf);
        } finally {
            buf.release();
        }
    }

    /** oscar.md §8.5 pseudocode, literally, as the reference. */
    private static long byteByByte(byte[] data, int from, int to) {
        return byteByByteFrom(0xFFFF0000L, data, from, to);
    }

    private static long byteByByteFrom(long prev, byte[] data, int from, int to) {
        long c = (prev >>> 16) & 0xFFFF;
        for (int i = from; i < to; i++) {
            long v = (i & 1) == 0 ? (data[i] & 0xFF) << 8 : data[i] & 0xFF;
            long old = c;
            c = (c - v) & 0xFFFFFFFFL;
            if (c > old) {
                c = (c - 1) & 0xFFFFFFFFL;
            }
        }
        c = (c & 0xFFFF) + (c >>> 16);
        c = (c & 0xFFFF) + (c >>> 16);
        return (c << 16) & 0xFFFFFFFFL;
    }
}
