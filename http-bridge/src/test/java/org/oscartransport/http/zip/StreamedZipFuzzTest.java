package org.oscartransport.http.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The streamed ZIP for any names, file sizes (across the 65535-byte stored-block boundary) and chunking. When
 * the files match the announcement, the bytes written are exactly the length promised up front, and both
 * {@link ZipInputStream} (streaming, local headers) and {@link ZipFile} (central directory) read back every
 * entry, in order, under the sanitised name, with its bytes. When a file's size breaks the announcement, a
 * {@link ZipContentMismatchException} stops it before a wrong length goes out. No buffer leaks either way.
 */
class StreamedZipFuzzTest {

    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:10Z");
    private static final int MAX_SIZE = 140_000;
    private static final int MAX_CHUNKS = 64;
    private static final byte[] CONTENT = new byte[MAX_SIZE + 64];
    private static Path archive;

    static {
        new Random(42).nextBytes(CONTENT);
    }

    private record Source(String offeredName, int size) {}

    private static ResourceLeakDetector.Level savedLeakLevel;

    @BeforeAll
    static void setUp() throws IOException {
        archive = Files.createTempFile("streamed-zip-fuzz", ".zip");
        // a fuzzing session may lower leak detection (FUZZING.md); regression runs stay at PARANOID
        savedLeakLevel = ResourceLeakDetector.getLevel();
        String leakLevel = System.getenv("FUZZ_LEAK_LEVEL");
        if (System.getenv("JAZZER_FUZZ") != null && leakLevel != null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.valueOf(leakLevel.trim().toUpperCase(Locale.ROOT)));
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        ResourceLeakDetector.setLevel(savedLeakLevel);
        Files.deleteIfExists(archive);
    }

    @FuzzTest
    void archive(FuzzedDataProvider data) throws IOException {
        int count = data.consumeInt(1, 5);
        List<Source> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = data.consumeBoolean() ? data.consumeInt(0, 300) : data.consumeInt(0, MAX_SIZE);
            files.add(new Source(data.consumeString(data.consumeInt(0, 300)), size));
        }
        long announced = files.stream().mapToLong(Source::size).sum();
        // sometimes one file turns out larger or smaller than the announcement said
        int liar = data.consumeInt(-count * 3, count - 1);
        int lie = liar >= 0 ? data.consumeInt(-3, 3) : 0;
        if (lie != 0 && files.get(liar).size() + lie >= 0) {
            files.set(liar, new Source(files.get(liar).offeredName(), files.get(liar).size() + lie));
        } else {
            lie = 0;
        }
        List<Integer> chunks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            chunks.add(data.consumeInt(1, 70_000));
        }

        StreamedZip zip = new StreamedZip(count, announced, WHEN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (lie != 0) {
            assertThatThrownBy(() -> write(zip, files, chunks, out)).isInstanceOf(ZipContentMismatchException.class);
            return;
        }
        write(zip, files, chunks, out);
        byte[] bytes = out.toByteArray();

        assertThat(zip.length()).isEqualTo(StreamedZip.length(count, announced));
        assertThat((long) bytes.length).as("bytes written").isEqualTo(zip.length()).isEqualTo(zip.written());

        ZipEntryNames names = new ZipEntryNames();
        List<String> expectedNames = files.stream().map(f -> names.add(f.offeredName())).toList();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (int i = 0; i < count; i++) {
                ZipEntry entry = in.getNextEntry();
                assertThat(entry).as("entry %d", i).isNotNull();
                assertThat(entry.getName()).isEqualTo(expectedNames.get(i));
                assertContent(in, i, files.get(i).size());
            }
            assertThat(in.getNextEntry()).isNull();
        }
        Files.write(archive, bytes);
        try (ZipFile zf = new ZipFile(archive.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zf.entries());
            assertThat(entries).extracting(ZipEntry::getName).containsExactlyElementsOf(expectedNames);
            for (int i = 0; i < count; i++) {
                assertThat(entries.get(i).getSize()).isEqualTo(files.get(i).size());
                try (InputStream in = zf.getInputStream(entries.get(i))) {
                    assertContent(in, i, files.get(i).size());
                }
            }
        }
    }

    /** Streams the files in the given chunk sizes (cycled), copying and releasing every buffer at once. */
    private static void write(StreamedZip zip, List<Source> files, List<Integer> chunks, ByteArrayOutputStream out) {
        int chunk = 0;
        for (int i = 0; i < files.size(); i++) {
            int size = files.get(i).size();
            drain(zip.startEntry(files.get(i).offeredName(), size, ALLOC), out);
            for (int position = 0; position < size; ) {
                // at most MAX_CHUNKS pieces a file: each piece costs a composite buffer, tracked at PARANOID
                int smallest = (size + MAX_CHUNKS - 1) / MAX_CHUNKS;
                int n = Math.min(Math.max(smallest, chunks.get(chunk++ % chunks.size())), size - position);
                // one write: PARANOID tracks every access
                ByteBuf piece = ALLOC.buffer(n).writeBytes(CONTENT, contentStart(i) + position, n);
                drain(zip.data(piece, ALLOC), out);
                position += n;
            }
            drain(zip.endEntry(ALLOC), out);
        }
        drain(zip.finish(ALLOC), out);
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

    /** File {@code i} is {@code CONTENT} from {@code contentStart(i)}: each file's bytes differ. */
    private static int contentStart(int file) {
        return file * 7;
    }

    private static void assertContent(InputStream in, int file, int size) throws IOException {
        byte[] read = in.readAllBytes();
        assertThat(read.length).as("size of entry %d", file).isEqualTo(size);
        int start = contentStart(file);
        assertThat(Arrays.mismatch(read, 0, size, CONTENT, start, start + size)).as("entry %d differs at", file)
                .isEqualTo(-1);
    }
}
