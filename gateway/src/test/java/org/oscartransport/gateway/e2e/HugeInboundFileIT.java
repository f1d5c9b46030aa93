package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1 GiB from an ICQ contact to an HTTP download through the real transport, in a JVM whose heap is far smaller
 * than the file (the {@code slow} profile runs it with {@code -Xmx64m}): proof that nothing holds the file whole.
 * The file is sparse (zeros plus random marker blocks, so order matters to the hash) to keep disk use low, and the
 * transport streams without a spool for the same reason.
 */
@Tag("slow")
class HugeInboundFileIT {

    private static final Logger log = LoggerFactory.getLogger(HugeInboundFileIT.class);
    static final long SIZE = 1L << 30;

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void startEverything() throws Exception {
        fixture = TransportFixture.start(Map.of("100001", "secret-100001", "200002", "pw"), List.of("alice"),
                "--transfer.spool=false", "--transfer.max-size=2g");
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aGibibyteStreamsThroughASmallHeap() throws Exception {
        log.info("max heap {} MiB", Runtime.getRuntime().maxMemory() >> 20);
        Path file = sparseFile(dir.resolve("huge.bin"));
        String expected = InboundFileIT.sha256(file); // outside the timed part
        try (XmppTestClient alice = fixture.connect("alice", "desktop")) {
            TransportFixture.goOnline(alice, "100001", "secret-100001");
            OscarSession contact = fixture.contacts.login("200002", "pw", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100001", file);
            Oob oob = Oob.ofMessage(alice.awaitMessage(m -> Oob.ofMessage(m).isPresent(), TransportFixture.WAIT))
                    .orElseThrow();

            long start = System.nanoTime();
            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            String received = InboundFileIT.sha256(get.body());
            log.info("1 GiB received and hashed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(received).isEqualTo(expected);
            sent.get(30, TimeUnit.SECONDS);
            contact.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** 1 GiB of mostly holes: 4 KiB of random bytes every 64 MiB (and at the very end). */
    static Path sparseFile(Path path) throws Exception {
        return sparseFile(path, SIZE);
    }

    /** {@code size} bytes of mostly holes: 4 KiB of random bytes in every 64 MiB (and at the very end). */
    static Path sparseFile(Path path, long size) throws Exception {
        Random random = new Random(42);
        byte[] marker = new byte[4096];
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(size);
            for (long at = 0; at + (1 << 20) + marker.length <= size; at += 64L << 20) {
                random.nextBytes(marker);
                raf.seek(at + random.nextInt(1 << 20));
                raf.write(marker);
            }
            raf.seek(size - marker.length);
            raf.write(marker);
        }
        return path;
    }
}
