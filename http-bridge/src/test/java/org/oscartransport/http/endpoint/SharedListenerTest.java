package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One listener for every endpoint: routing by path under a public base, identical misses, spool and Range. */
class SharedListenerTest {

    @TempDir
    Path spoolDir;
    private EndpointFixture fixture;
    private final EventLoopGroup producerGroup = new DefaultEventLoopGroup(1);

    @AfterEach
    void tearDown() throws Exception {
        producerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (fixture != null) fixture.close();
    }

    private EndpointFixture shared(String prefix) throws IOException {
        int port = freePort();
        // A bind host for per-transfer listeners unlike the shared one: the shared listener must use its own.
        HttpEndpointConfig config = new HttpEndpointConfig("127.0.0.2", "127.0.0.1", EndpointFixture.randomWindow(),
                Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(60))
                .withSpool(spoolDir, 0, 0)
                .withSharedListener("127.0.0.1", port, URI.create("http://127.0.0.1:" + port + prefix));
        fixture = new EndpointFixture(config, bootstrap -> { });
        return fixture;
    }

    @Test
    void twoEndpointsOnOnePortAnswerEachByItsOwnUrl() throws Exception {
        EndpointFixture f = shared("/icq");
        byte[] one = random(100_000);
        byte[] two = random(70_000);
        TransferEndpoint a = f.open("one.bin", one.length, source(one));
        TransferEndpoint b = f.open("two.bin", two.length, source(two));

        assertThat(a.url().toString()).startsWith("http://127.0.0.1:" + f.endpoints.sharedPort() + "/icq/");
        assertThat(b.url().getPort()).isEqualTo(a.url().getPort());
        assertThat(f.send("GET", a.url()).body()).isEqualTo(one);
        assertThat(f.send("GET", b.url()).body()).isEqualTo(two);
        assertThat(f.send("HEAD", b.url()).headers().firstValueAsLong("Content-Length")).hasValue(two.length);
    }

    @Test
    void aWrongTokenLooksExactlyLikeAWrongPath() throws Exception {
        EndpointFixture f = shared("/files/icq/");
        byte[] data = random(1000);
        TransferEndpoint endpoint = f.open("a.bin", data.length, source(data));
        String path = endpoint.url().getRawPath();
        String name = path.substring(path.lastIndexOf('/'));
        String token = path.substring("/files/icq/".length(), path.lastIndexOf('/'));
        char last = token.charAt(token.length() - 1);
        String wrongToken = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        HttpResponse<byte[]> wrong = f.send("GET", EndpointFixture.withPath(endpoint.url(),
                "/files/icq/" + wrongToken + name));
        HttpResponse<byte[]> noPrefix = f.send("GET", EndpointFixture.withPath(endpoint.url(),
                "/" + token + name));
        HttpResponse<byte[]> nonsense = f.send("GET", EndpointFixture.withPath(endpoint.url(), "/nothing/here"));

        for (HttpResponse<byte[]> miss : new HttpResponse[] {wrong, noPrefix, nonsense}) {
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.body()).isEqualTo(nonsense.body());
            assertThat(miss.headers().map()).isEqualTo(nonsense.headers().map());
        }
        assertThat(f.send("GET", endpoint.url()).body()).isEqualTo(data);
    }

    @Test
    void anExpiredEndpointAnswersTheSame404() throws Exception {
        EndpointFixture f = shared("/");
        byte[] data = random(1000);
        TransferEndpoint endpoint = f.open("a.bin", data.length, source(data), Duration.ofMillis(200));
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);

        HttpResponse<byte[]> expired = f.send("GET", endpoint.url());
        HttpResponse<byte[]> nonsense = f.send("GET", EndpointFixture.withPath(endpoint.url(), "/x/y"));
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.body()).isEqualTo(nonsense.body());
    }

    @Test
    void rangesAreServedFromTheSpool() throws Exception {
        EndpointFixture f = shared("/icq/");
        byte[] data = random(3 * 1024 * 1024);
        TransferEndpoint endpoint = f.open("video.mp4", data.length, source(data));
        assertThat(f.send("GET", endpoint.url()).body()).isEqualTo(data);
        EndpointFixture.awaitSpooled(endpoint);

        HttpResponse<byte[]> part = f.send("GET", endpoint.url(), "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        HttpResponse<byte[]> tail = f.send("GET", endpoint.url(), "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    }

    @Test
    void closingOneEndpointLeavesTheListenerToTheOthers() throws Exception {
        EndpointFixture f = shared("/icq/");
        byte[] data = random(1000);
        TransferEndpoint a = f.open("a.bin", data.length, source(data));
        TransferEndpoint b = f.open("b.bin", data.length, source(data));
        a.close();
        a.closeFuture().get(5, TimeUnit.SECONDS);

        assertThat(f.send("GET", a.url()).statusCode()).isEqualTo(404);
        assertThat(f.send("GET", b.url()).body()).isEqualTo(data);
    }

    @Test
    void aPublicBaseMustBeAPlainHttpUrl() {
        assertThatThrownBy(() -> new SharedListener("127.0.0.1", 8080, URI.create("ftp://x/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedListener("127.0.0.1", 8080, URI.create("https://x/icq/?a=b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedListener("127.0.0.1", 8080, URI.create("https://x/icq/#f")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SharedListener("127.0.0.1", 8080, URI.create("https://files.example.org/icq")).publicBase())
                .hasToString("https://files.example.org/icq/");
    }

    private TestSources.BackPressured source(byte[] data) {
        return new TestSources.BackPressured(data, producerGroup.next());
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        return data;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
