package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * 1 GiB from an ICQ contact with the spool on (stream-and-spool), in the {@code slow} profile's small heap: the
 * first download streams as the contact sends while a copy goes to disk; the copy is the file, byte for byte, and a
 * later Range request for the second half is served from it.
 */
@Tag("slow")
class HugeSpooledInboundFileIT {

    private static final Logger log = LoggerFactory.getLogger(HugeSpooledInboundFileIT.class);
    private static final long SIZE = HugeInboundFileIT.SIZE;

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void startEverything() throws Exception {
        fixture = TransportFixture.start(Map.of("100001", "secret-100001", "200002", "pw"), List.of("alice"),
                "--transfer.spool=true", "--transfer.max-size=2g", "--transfer.quota-per-user=2g",
                "--transfer.quota-total=2g");
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aGibibyteIsStreamedSpooledAndResumedFromTheSpool() throws Exception {
        log.info("max heap {} MiB", Runtime.getRuntime().maxMemory() >> 20);
        Path file = HugeInboundFileIT.sparseFile(dir.resolve("huge.bin"));
        String expected = InboundFileIT.sha256(file);
        String expectedSecondHalf = sha256OfTail(file, SIZE / 2);
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
            assertThat(InboundFileIT.sha256(get.body())).as("the first, streamed download").isEqualTo(expected);
            log.info("1 GiB streamed and hashed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            sent.get(30, TimeUnit.SECONDS);

            Path spool = completeSpoolFile(Duration.ofSeconds(30));
            assertThat(InboundFileIT.sha256(spool)).as("the spool copy").isEqualTo(expected);

            HttpResponse<InputStream> resumed = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .header("Range", "bytes=" + SIZE / 2 + "-").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(resumed.statusCode()).isEqualTo(206);
            assertThat(resumed.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + SIZE / 2 + "-" + (SIZE - 1) + "/" + SIZE);
            assertThat(resumed.headers().firstValueAsLong("Content-Length")).hasValue(SIZE / 2);
            assertThat(InboundFileIT.sha256(resumed.body())).as("the second half, from the spool")
                    .isEqualTo(expectedSecondHalf);
            contact.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The one spool file, once the writer has put every byte in it (writes run behind the download). */
    private static Path completeSpoolFile(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Path> spools = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(fixture.dataDir().resolve("spool"),
                    "*.spool")) {
                found.forEach(spools::add);
            }
            if (spools.size() == 1 && Files.size(spools.get(0)) == SIZE) return spools.get(0);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no complete spool file of " + SIZE + " bytes, found " + spools);
            }
            Thread.sleep(100);
        }
    }

    private static String sha256OfTail(Path file, long from) throws Exception {
        try (FileChannel channel = FileChannel.open(file)) {
            return InboundFileIT.sha256(Channels.newInputStream(channel.position(from)));
        }
    }
}
