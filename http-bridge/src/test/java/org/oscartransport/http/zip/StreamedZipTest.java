package org.oscartransport.http.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedZipTest {

    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:10Z");

    @TempDir
    Path dir;

    private record Source(String name, byte[] bytes) {}

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Streams the files through a StreamedZip in random chunks, as they would come off a socket. */
    private static byte[] zip(List<Source> files) {
        long total = files.stream().mapToLong(f -> f.bytes().length).sum();
        StreamedZip zip = new StreamedZip(files.size(), total, WHEN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random chunks = new Random(42);
        for (Source f : files) {
            drain(zip.startEntry(f.name(), f.bytes().length, ALLOC), out);
            int at = 0;
            while (at < f.bytes().length) {
                int n = Math.min(f.bytes().length - at, 1 + chunks.nextInt(100_000));
                ByteBuf chunk = ALLOC.buffer(n).writeBytes(f.bytes(), at, n);
                drain(zip.data(chunk, ALLOC), out);
                at += n;
            }
            drain(zip.endEntry(ALLOC), out);
        }
        drain(zip.finish(ALLOC), out);
        assertThat((long) out.size()).isEqualTo(zip.length()).isEqualTo(StreamedZip.length(files.size(), total));
        return out.toByteArray();
    }

    private static void drain(ByteBuf buf, ByteArrayOutputStream out) {
        try {
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            out.writeBytes(b);
        } finally {
            buf.release();
        }
    }

    private static Map<String, byte[]> readStreaming(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private Map<String, byte[]> readCentral(byte[] zip) throws IOException {
        Path file = Files.write(dir.resolve("central.zip"), zip);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                assertThat(e.getSize()).isEqualTo(z.getInputStream(e).readAllBytes().length);
                CRC32 crc = new CRC32();
                byte[] bytes = z.getInputStream(e).readAllBytes();
                crc.update(bytes);
                assertThat(e.getCrc()).isEqualTo(crc.getValue());
                entries.put(e.getName(), bytes);
            }
        }
        return entries;
    }

    @Test
    void threeFilesUnpackExactlyWithEitherReader() throws IOException {
        byte[] big = random(3 * 1024 * 1024, 1);
        List<Source> files = List.of(new Source("empty.txt", new byte[0]), new Source("big.bin", big),
                new Source("notes\u0001plan.txt", "hello".getBytes(StandardCharsets.UTF_8)));

        byte[] zip = zip(files);

        for (Map<String, byte[]> read : List.of(readStreaming(zip), readCentral(zip))) {
            assertThat(read.keySet()).containsExactly("empty.txt", "big.bin", "notes/plan.txt");
            assertThat(read.get("empty.txt")).isEmpty();
            assertThat(read.get("big.bin")).isEqualTo(big);
            assertThat(read.get("notes/plan.txt")).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
    }

    @Test
    void theLengthDependsOnlyOnCountAndTotalNotOnTheSplitOrNames() throws IOException {
        int total = 2 * 65_535 + 3;
        int[][] splits = {{0, 0, total}, {total, 0, 0}, {65_535, 65_536, 2}, {1, 1, total - 2}, {65_535, 0, 65_538}};
        for (int[] split : splits) {
            List<Source> files = new ArrayList<>();
            for (int i = 0; i < split.length; i++) {
                files.add(new Source("x".repeat(1 + i * 100) + ".bin", random(split[i], i)));
            }
            byte[] zip = zip(files);
            assertThat((long) zip.length).isEqualTo(StreamedZip.length(3, total));
            Map<String, byte[]> read = readStreaming(zip);
            for (Source f : files) {
                assertThat(read.get(f.name())).isEqualTo(f.bytes());
            }
            assertThat(readCentral(zip)).containsOnlyKeys(read.keySet());
        }
    }

    @Test
    void hostileNamesBecomeSafeUniqueRelativeEntries() throws IOException {
        List<Source> files = List.of(
                new Source("..\u0001..\u0001etc\u0001passwd", new byte[] {1}),
                new Source("/abs/olute.txt", new byte[] {2}),
                new Source("C:\\Windows\\evil.dll", new byte[] {3}),
                new Source("inv\u202Eoice\u0007.txt", new byte[] {4}),
                new Source("dup.txt", new byte[] {5}),
                new Source("DUP.txt", new byte[] {6}),
                new Source("dup.txt", new byte[] {7}),
                new Source("\u0001\u0001", new byte[] {8}),
                new Source("deep\u0001" + "ü".repeat(200) + ".jpeg", new byte[] {9}));

        Map<String, byte[]> read = readStreaming(zip(files));

        assertThat(read.keySet()).containsExactly("etc/passwd", "abs/olute.txt", "C_/Windows/evil.dll",
                "invoice.txt", "dup.txt", "DUP (2).txt", "dup (3).txt", "file", read.keySet().toArray(String[]::new)[8]);
        String longName = read.keySet().toArray(String[]::new)[8];
        assertThat(longName).endsWith(".jpeg").startsWith("ü");
        assertThat(longName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ZipEntryNames.MAX_BYTES);
        for (String name : read.keySet()) {
            assertThat(name).doesNotStartWith("/").doesNotContain("..").doesNotContain("\\");
            assertThat(name.codePoints()).noneMatch(cp -> Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT);
        }
    }

    @Test
    void unzipTestsTheArchiveAndExtractsTheSameBytes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "unzip is installed by .ci/run");
        byte[] big = random(200_000, 7);
        Path zipFile = Files.write(dir.resolve("files.zip"), zip(List.of(new Source("a\u0001empty", new byte[0]),
                new Source("a\u0001big.bin", big), new Source("Отчёт.txt", "x".getBytes(StandardCharsets.UTF_8)))));

        assertThat(run("unzip", "-t", zipFile.toString())).contains("No errors detected");
        assertThat(run("zipinfo", zipFile.toString())).contains("3 files");
        Path out = Files.createDirectory(dir.resolve("out"));
        run("unzip", "-q", zipFile.toString(), "-d", out.toString());
        assertThat(out.resolve("a/empty")).isEmptyFile();
        assertThat(Files.readAllBytes(out.resolve("a/big.bin"))).isEqualTo(big);
        assertThat(out.resolve("Отчёт.txt")).hasContent("x");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void filesThatDisagreeWithTheAnnouncementAreRefused() {
        StreamedZip tooLarge = new StreamedZip(2, 10, WHEN);
        assertThatThrownBy(() -> tooLarge.startEntry("a", 11, ALLOC)).isInstanceOf(ZipContentMismatchException.class);

        StreamedZip tooSmall = new StreamedZip(2, 10, WHEN);
        tooSmall.startEntry("a", 3, ALLOC).release();
        tooSmall.data(ALLOC.buffer().writeBytes(new byte[3]), ALLOC).release();
        tooSmall.endEntry(ALLOC).release();
        assertThatThrownBy(() -> tooSmall.startEntry("b", 6, ALLOC)).isInstanceOf(ZipContentMismatchException.class)
                .hasMessageContaining("total 9 bytes, not the 10");

        StreamedZip tooFew = new StreamedZip(2, 0, WHEN);
        tooFew.startEntry("a", 0, ALLOC).release();
        tooFew.endEntry(ALLOC).release();
        assertThatThrownBy(() -> tooFew.finish(ALLOC)).isInstanceOf(ZipContentMismatchException.class);

        StreamedZip one = new StreamedZip(1, 0, WHEN);
        one.startEntry("a", 0, ALLOC).release();
        one.endEntry(ALLOC).release();
        assertThatThrownBy(() -> one.startEntry("b", 0, ALLOC)).isInstanceOf(ZipContentMismatchException.class);
    }

    @Test
    void archivesOf4GiBOrMoreAreNotAttempted() {
        assertThat(StreamedZip.fits(2, 0xFFFF_FFFFL)).isFalse();
        assertThat(StreamedZip.fits(2, 0xFFF0_0000L)).isTrue();
        assertThat(StreamedZip.fits(0, 10)).isFalse();
        assertThat(StreamedZip.fits(65_536, 10)).isFalse();
        assertThatThrownBy(() -> new StreamedZip(3, 0xFFFF_FFFFL, WHEN)).isInstanceOf(IllegalArgumentException.class);
    }
}
