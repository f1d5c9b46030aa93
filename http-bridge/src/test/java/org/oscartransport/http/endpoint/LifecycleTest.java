package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.http.endpoint.EndpointFixture.portIsFree;
import static org.oscartransport.http.endpoint.EndpointFixture.portIsFreedSoon;
import static org.oscartransport.http.endpoint.EndpointFixture.readHead;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry, the gone period, close(), and either side giving up mid-stream. */
class LifecycleTest {

    private EndpointFixture fixture = new EndpointFixture(Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void withoutAGetBeforeExpiryTheSourceIsCancelledAndThePortFreed() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.txt", 10, source, Duration.ofMillis(300));
        int port = endpoint.url().getPort();
        assertThat(portIsFree(port)).isFalse();

        assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("expired");
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(portIsFreedSoon(port)).isTrue();
        assertThat(source.starts).hasValue(0);
        assertThat(fixture.endpoints.openCount()).isZero();
    }

    @Test
    void afterTheStreamTheEndpointAnswers410ForTheGonePeriodThenCloses() throws Exception {
        byte[] data = "done".getBytes(StandardCharsets.US_ASCII);
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.txt", data.length, source);
        int port = endpoint.url().getPort();

        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            body.write(tracked(data));
            body.complete();
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
        }
        // A raw socket we close ourselves: a client that keeps its half open would hold the port in FIN_WAIT2.
        try (Socket again = EndpointFixture.rawConnect(endpoint.url())) {
            again.getOutputStream().write(get(endpoint.url()));
            assertThat(readHead(again.getInputStream())).startsWith("HTTP/1.1 410 Gone\r\n");
        }
        assertThat(endpoint.closeFuture()).isNotDone();

        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(portIsFreedSoon(port)).isTrue();
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void aClientThatHangsUpRightAfterTheLastByteGotTheWholeFile() throws Exception {
        byte[] data = "done".getBytes(StandardCharsets.US_ASCII);
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.txt", data.length, source);
        ResponseBody body;
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            body = source.body();
            body.write(tracked(data));
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
        }
        Thread.sleep(200); // the server sees the hang-up before the source says it is done
        body.complete();

        try (Socket again = EndpointFixture.rawConnect(endpoint.url())) {
            again.getOutputStream().write(get(endpoint.url()));
            assertThat(readHead(again.getInputStream())).startsWith("HTTP/1.1 410 Gone\r\n");
        }
        assertThat(source.cancels).as("nothing to cancel: every byte was sent").hasValue(0);
    }

    @Test
    void aStreamRunningAtExpiryMayFinishButTheEndpointThenClosesAtOnce() throws Exception {
        fixture.close();
        fixture = new EndpointFixture(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(60));
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 3, source, Duration.ofMillis(200));
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            Thread.sleep(400); // past the expiry
            body.write(tracked(new byte[] {1, 2, 3}));
            body.complete();
            assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
        }
        // the ten-minute gone period is clipped to the expiry, which has passed
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void closingTheFactoryClosesEveryEndpoint() throws Exception {
        TestSources.Recording first = new TestSources.Recording();
        TestSources.Recording second = new TestSources.Recording();
        TransferEndpoint one = fixture.open("a.txt", 1, first);
        TransferEndpoint two = fixture.open("b.txt", 1, second);
        assertThat(fixture.endpoints.openCount()).isEqualTo(2);

        fixture.endpoints.close();

        one.closeFuture().get(5, TimeUnit.SECONDS);
        two.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(first.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(second.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(fixture.endpoints.openCount()).isZero();
    }

    @Test
    void closeWhileWaitingCancelsTheSourceAndFreesThePort() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.txt", 10, source);
        int port = endpoint.url().getPort();

        endpoint.close();
        endpoint.close(); // idempotent

        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(source.cancels).hasValue(1);
        assertThat(portIsFreedSoon(port)).isTrue();
    }

    @Test
    void closeMidStreamCancelsTheSourceAndCutsTheResponse() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 1000, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            body.write(tracked(new byte[100]));

            endpoint.close();

            assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
            assertThat(in.readAllBytes()).hasSize(100);
            body.write(tracked(new byte[100])); // too late: released, not leaked
            assertThat(body.isWritable()).isFalse();
        }
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheSourceAndEndsTheEndpoint() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 1_000_000, source);
        ResponseBody body;
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            readHead(socket.getInputStream());
            body = source.body();
            body.write(tracked(new byte[1000]));
            socket.getInputStream().readNBytes(1000);
        }

        assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("client closed");
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(body.isWritable()).isFalse();
        assertThat(source.cancels).hasValue(1);
        assertThat(portIsFreedSoon(endpoint.url().getPort())).isTrue();
    }

    @Test
    void anAbortingSourceLeavesTheClientWithAShortBody() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 5000, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).contains("\r\nContent-Length: 5000\r\n");
            ResponseBody body = source.body();
            body.write(tracked(new byte[2000]));
            body.abort(new RuntimeException("peer cancelled"));

            assertThat(in.readAllBytes()).hasSize(2000);
        }
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(source.cancels).as("the source gave up itself").hasValue(0);
    }

    @Test
    void completingEarlyIsAnAbort() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 5000, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            body.write(tracked(new byte[10]));
            body.complete();
            assertThat(in.readAllBytes()).hasSize(10);
        }
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void writingMoreThanTheSizeIsAnAbort() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 10, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(get(endpoint.url()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            body.write(tracked(new byte[6]));
            body.write(tracked(new byte[6]));
            assertThat(in.readAllBytes()).hasSize(6);
        }
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void idleKeepAliveConnectionsAreClosed() throws Exception {
        fixture.close();
        fixture = new EndpointFixture(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMillis(300));
        TransferEndpoint endpoint = fixture.open("a.txt", 10, new TestSources.Recording());
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(("HEAD " + endpoint.url().getRawPath()
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK");
            long before = System.nanoTime();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void whenEveryPortIsTakenOpenFailsClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            HttpEndpointConfig config = HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", new PortRange(port, port));
            TransferEndpoints endpoints = new TransferEndpoints(fixture.group, config);

            assertThatThrownBy(() -> endpoints.open(new FileDescriptor("a", 1), new TestSources.Recording(), null)
                    .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NoFreePortException.class)
                    .hasMessageContaining("no free port in " + port + "-" + port);
        }
    }

    @Test
    void aTakenPortIsSkipped() throws Exception {
        PortRange window = EndpointFixture.randomWindow();
        for (int p = window.first(); p < window.last(); p++) {
            try (ServerSocket taken = new ServerSocket()) {
                try {
                    taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                } catch (java.io.IOException busy) {
                    continue;
                }
                if (!portIsFree(p + 1)) continue;
                // the taken port and the one above; open often enough to start on the taken one
                TransferEndpoints endpoints = new TransferEndpoints(fixture.group,
                        HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", new PortRange(p, p + 1)));
                for (int i = 0; i < 8; i++) {
                    TransferEndpoint endpoint = endpoints.open(new FileDescriptor("a", 1),
                            new TestSources.Recording(), null).get(5, TimeUnit.SECONDS);
                    assertThat(endpoint.url().getPort()).isEqualTo(p + 1);
                    endpoint.close();
                    endpoint.closeFuture().get(5, TimeUnit.SECONDS);
                    assertThat(portIsFreedSoon(p + 1)).isTrue();
                }
                return;
            }
        }
        throw new AssertionError("no two free neighbouring ports in " + window);
    }

    /** A pooled buffer the leak detector tracks (Unpooled wrappers are not tracked). */
    private static ByteBuf tracked(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }

    private static byte[] get(URI url) {
        return ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
