package org.oscartransport.gateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The files the bench sends, in tmpfs ({@code /dev/shm}) when there is one so the sender reads RAM, not disk.
 * Deleted on {@link #close()}.
 */
final class BenchFiles implements AutoCloseable {

    private final Path dir;

    BenchFiles() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "oscar-bench-")
                : Files.createTempDirectory("oscar-bench-");
    }

    Path dir() {
        return dir;
    }

    /** A file of {@code size} pseudo-random bytes (a 1 MiB random block repeated: nothing on the path compresses). */
    Path create(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        byte[] block = new byte[1024 * 1024];
        new Random(size).nextBytes(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; ) {
                ByteBuffer chunk = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
                while (chunk.hasRemaining()) {
                    written += out.write(chunk);
                }
            }
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
