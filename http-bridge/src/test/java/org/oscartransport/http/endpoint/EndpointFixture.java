package org.oscartransport.http.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A TransferEndpoints on a real NIO group and a port window of its own, plus the clients tests talk with. */
final class EndpointFixture implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final HttpEndpointConfig config;
    final TransferEndpoints endpoints;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    EndpointFixture() {
        this(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(60));
    }

    EndpointFixture(Duration defaultExpiry, Duration gonePeriod, Duration idleTimeout) {
        this(defaultExpiry, gonePeriod, idleTimeout, bootstrap -> { });
    }

    EndpointFixture(Duration defaultExpiry, Duration gonePeriod, Duration idleTimeout,
            Consumer<ServerBootstrap> tuning) {
        this(new HttpEndpointConfig("127.0.0.1", "127.0.0.1", randomWindow(), defaultExpiry, gonePeriod,
                idleTimeout), tuning);
    }

    EndpointFixture(HttpEndpointConfig config, Consumer<ServerBootstrap> tuning) {
        this(config, (EventLoopGroup g) -> new TransferEndpoints(g, NioServerSocketChannel::new, config, tuning));
    }

    /** @param endpointsOnGroup builds the endpoints on this fixture's group */
    private EndpointFixture(HttpEndpointConfig config,
            java.util.function.Function<EventLoopGroup, TransferEndpoints> endpointsOnGroup) {
        this.config = config;
        endpoints = endpointsOnGroup.apply(group);
    }

    /** Endpoints that check the TLS files for changes every {@code tlsCheckInterval}. */
    static EndpointFixture withTlsCheckInterval(HttpEndpointConfig config, Duration tlsCheckInterval,
            Consumer<ServerBootstrap> tuning) {
        return new EndpointFixture(config, (EventLoopGroup g) -> new TransferEndpoints(g,
                NioServerSocketChannel::new, config, tuning, tlsCheckInterval));
    }

    /** Spooling to {@code dir} with the given quotas (0 = none) and gone period. */
    static EndpointFixture spooling(Path dir, long perOwnerQuota, long totalQuota, Duration gonePeriod) {
        return new EndpointFixture(new HttpEndpointConfig("127.0.0.1", "127.0.0.1", randomWindow(),
                Duration.ofMinutes(10), gonePeriod, Duration.ofSeconds(60))
                .withSpool(dir, perOwnerQuota, totalQuota), bootstrap -> { });
    }

    TransferEndpoint open(String name, long size, DownloadSource source, Duration expiry, String owner)
            throws Exception {
        return endpoints.open(new FileDescriptor(name, size), source, expiry, owner).get(5, TimeUnit.SECONDS);
    }

    /** Waits until the endpoint's file is wholly in the spool. */
    static void awaitSpooled(TransferEndpoint endpoint) throws Exception {
        ((HttpTransferEndpoint) endpoint).spooledFuture().get(10, TimeUnit.SECONDS);
    }

    HttpResponse<byte[]> send(String method, URI uri, String range) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Range", range).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * A random 200-port window in 42000-59999, so parallel runs by other people rarely meet; when they do, the
     * endpoint simply takes the next free port.
     */
    static PortRange randomWindow() {
        int first = 42000 + ThreadLocalRandom.current().nextInt(18000 - 200);
        return new PortRange(first, first + 199);
    }

    TransferEndpoint open(String name, long size, DownloadSource source) throws Exception {
        return endpoints.open(new FileDescriptor(name, size), source, null).get(5, TimeUnit.SECONDS);
    }

    TransferEndpoint open(String name, long size, DownloadSource source, Duration expiry) throws Exception {
        return endpoints.open(new FileDescriptor(name, size), source, expiry).get(5, TimeUnit.SECONDS);
    }

    HttpResponse<byte[]> send(String method, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<InputStream> getStream(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    static URI withPath(URI url, String path) {
        return URI.create("http://" + url.getHost() + ":" + url.getPort() + path);
    }

    static Socket rawConnect(URI url) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads a response head (status line and headers, CRLF CRLF included) byte by byte. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the port can be bound again within a second. NIO closes a listening socket at its selector's next
     * wake-up, a moment after the close future has completed.
     */
    static boolean portIsFreedSoon(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!portIsFree(port)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** Whether the port can be bound again, i.e. the endpoint released it. */
    static boolean portIsFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        endpoints.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
}
