package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.http.endpoint.EndpointFixture.readHead;

import io.netty.channel.ChannelOption;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader slower than the source: the source must be told to pause, and what it has produced beyond what the
 * client has read must stay bounded by the write-buffer water mark, whatever the file size. Both sockets get
 * small fixed kernel buffers, so the kernel (which would otherwise autotune up to megabytes) cannot hide a
 * missing pause.
 */
class BackPressureTest {

    private static final int FILE_SIZE = 32 * 1024 * 1024;
    private static final int SOCKET_BUFFER = 16 * 1024;
    /**
     * High water mark (64 KiB) + one 8 KiB chunk + both kernel buffers (Linux doubles what is asked, and counts
     * overhead): about 150 KiB; the rest is slack for scheduling.
     */
    private static final long MAX_AHEAD_OF_READER = 256 * 1024;

    @TempDir
    Path spoolDir;
    private EndpointFixture fixture;
    private final ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() throws Exception {
        producer.shutdownNow();
        fixture.close();
    }

    /** Spooling must not loosen the bound: the first client's writability still pauses the source. */
    @ParameterizedTest(name = "spooling: {0}")
    @ValueSource(booleans = {false, true})
    void aSlowReaderPausesTheSourceAndBoundsWhatIsInFlight(boolean spooling) throws Exception {
        HttpEndpointConfig config = new HttpEndpointConfig("127.0.0.1", "127.0.0.1", EndpointFixture.randomWindow(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
        fixture = new EndpointFixture(spooling ? config.withSpool(spoolDir, 0, 0) : config,
                bootstrap -> bootstrap.childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER));
        byte[] data = new byte[FILE_SIZE];
        ThreadLocalRandom.current().nextBytes(data);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture.open("big.bin", data.length, source);
        URI url = endpoint.url();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(SOCKET_BUFFER); // before connect, so the window stays small
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).contains("\r\nContent-Length: " + FILE_SIZE + "\r\n");

            // The reader stalls: production must stop well short of the file.
            long stalled = awaitProductionStops(source);
            assertThat(source.sawUnwritable).isTrue();
            assertThat(stalled).isLessThan(MAX_AHEAD_OF_READER);

            // Then it reads slowly; the source never runs far ahead of it.
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            long maxAhead = 0;
            int n;
            while (read < FILE_SIZE && (n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                read += n;
                maxAhead = Math.max(maxAhead, source.produced.get() - read);
                if ((read & 0xFFFFF) < n) Thread.sleep(2); // ~every MiB, a pause
            }

            assertThat(read).isEqualTo(FILE_SIZE);
            assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(maxAhead).isLessThan(MAX_AHEAD_OF_READER);
            assertThat(source.resumes.get()).as("writability listener fired").isPositive();
        }
    }

    /** Waits until the source has produced nothing new for 300 ms; returns what it produced. */
    private static long awaitProductionStops(TestSources.BackPressured source) throws InterruptedException {
        long last = -1;
        while (true) {
            Thread.sleep(300);
            long now = source.produced.get();
            if (now == last) return now;
            last = now;
        }
    }
}
