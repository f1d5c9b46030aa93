package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.http.endpoint.EndpointFixture.awaitSpooled;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-owner and total spool quotas: finished spools make room, transfers in progress never do. */
class SpoolQuotaTest {

    private static final long PER_OWNER = 3000;
    private static final long TOTAL = 5000;

    @TempDir
    Path spoolDir;
    private EndpointFixture fixture;
    private final EventLoopGroup producerGroup = new DefaultEventLoopGroup(1);

    @BeforeEach
    void setUp() {
        fixture = EndpointFixture.spooling(spoolDir, PER_OWNER, TOTAL, Duration.ofMillis(500));
    }

    @AfterEach
    void tearDown() throws Exception {
        producerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        fixture.close();
    }

    @Test
    void anOwnersNewFileEvictsTheirOldestFinishedSpool() throws Exception {
        TransferEndpoint old = finished("alice", 1000);
        TransferEndpoint older = finished("alice", 1000); // opened second: evicted after `old`
        TransferEndpoint waiting = waiting("alice", 500);
        TransferEndpoint bobs = finished("bob", 1000);
        assertThat(fixture.endpoints.spooledBytes()).isEqualTo(3500);

        TransferEndpoint fresh = waiting("alice", 1400); // alice: 2500 + 1400 > 3000 → one finished spool goes

        assertThat(statusSoon(old, 410)).isEqualTo(410);
        old.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(fixture.send("GET", older.url()).statusCode()).as("one eviction was enough").isEqualTo(200);
        assertThat(fixture.send("GET", bobs.url()).statusCode()).isEqualTo(200);
        assertThat(fixture.send("HEAD", waiting.url()).statusCode()).isEqualTo(200);
        assertThat(fresh.url()).isNotNull();
        assertThat(fixture.endpoints.spooledBytes()).isEqualTo(3900);
        assertThat(spoolFiles()).as("evicted file deleted; the others, waiting ones included, kept").isEqualTo(4);
    }

    @Test
    void theTotalQuotaEvictsTheOldestFinishedSpoolOfAnyone() throws Exception {
        TransferEndpoint bobs = finished("bob", 2000);
        TransferEndpoint carols = finished("carol", 2000);
        waiting("alice", 500);

        TransferEndpoint fresh = waiting("dave", 1000); // 4500 + 1000 > 5000

        assertThat(statusSoon(bobs, 410)).isEqualTo(410);
        bobs.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(EndpointFixture.portIsFreedSoon(bobs.url().getPort())).as("closed after the gone period").isTrue();
        assertThat(fixture.send("GET", carols.url()).statusCode()).isEqualTo(200);
        assertThat(fresh.url()).isNotNull();
        assertThat(fixture.endpoints.spooledBytes()).isEqualTo(3500);
    }

    @Test
    void whenOnlyTransfersInProgressHoldTheRoomOpenFailsAndNothingIsEvicted() throws Exception {
        TransferEndpoint finished = finished("alice", 1000);
        waiting("alice", 2000);
        waiting("bob", 2000);

        assertThatThrownBy(() -> waiting("alice", 1500)) // even without her finished 1000: 3500
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> waiting("carol", 1500))
                .hasCauseInstanceOf(QuotaExceededException.class)
                .cause().hasMessageContaining("total spool quota");
        assertThat(fixture.send("GET", finished.url()).statusCode()).as("not evicted in vain").isEqualTo(200);
        assertThat(fixture.endpoints.spooledBytes()).isEqualTo(5000);
        assertThat(fixture.endpoints.openCount()).isEqualTo(3);
    }

    @Test
    void aFileLargerThanAQuotaIsRefusedAtOnce() {
        assertThatThrownBy(() -> waiting("alice", PER_OWNER + 1))
                .hasCauseInstanceOf(QuotaExceededException.class)
                .cause().hasMessageContaining("per-user spool quota");
        assertThatThrownBy(() -> waiting(null, TOTAL + 1))
                .hasCauseInstanceOf(QuotaExceededException.class);
    }

    @Test
    void closingAnEndpointGivesItsRoomBack() throws Exception {
        TransferEndpoint endpoint = finished("alice", 3000);
        endpoint.close();
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(fixture.endpoints.spooledBytes()).isZero();
        assertThat(spoolFiles()).isZero();
        waiting("alice", 3000);
    }

    private TransferEndpoint finished(String owner, int size) throws Exception {
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        TransferEndpoint endpoint = fixture.open("f.bin", size,
                new TestSources.BackPressured(data, producerGroup.next()), null, owner);
        assertThat(fixture.send("GET", endpoint.url()).body()).isEqualTo(data);
        awaitSpooled(endpoint);
        return endpoint;
    }

    /**
     * An evicted endpoint learns it on its own event loop, a moment after the reservation that evicted it; a
     * request racing that hop may still be served. Asks again until the expected status comes (or 5 s pass).
     */
    private int statusSoon(TransferEndpoint endpoint, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status = fixture.send("GET", endpoint.url()).statusCode();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = fixture.send("GET", endpoint.url()).statusCode();
        }
        return status;
    }

    private TransferEndpoint waiting(String owner, long size) throws Exception {
        return fixture.endpoints.open(new FileDescriptor("w.bin", size), new TestSources.Recording(), null, owner)
                .get(5, TimeUnit.SECONDS);
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.count();
        }
    }
}
