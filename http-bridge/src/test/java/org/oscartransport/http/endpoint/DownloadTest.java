package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.http.endpoint.EndpointFixture.readHead;
import static org.oscartransport.http.endpoint.EndpointFixture.withPath;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HEAD, GET, and the answers to everything else, over real sockets. */
class DownloadTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    private final EndpointFixture fixture = new EndpointFixture();
    /** The source produces on an event loop of its own, as the OFT relay will. */
    private final EventLoopGroup producerGroup = new DefaultEventLoopGroup(1);
    private final ScheduledExecutorService producer = producerGroup.next();

    @AfterEach
    void tearDown() throws Exception {
        producerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        fixture.close();
    }

    @Test
    void urlHasTheTokenThenTheFileNameAndAPortFromTheRange() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat photo.png", 10, new TestSources.Recording());
        URI url = endpoint.url();
        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isBetween(fixture.config.ports().first(), fixture.config.ports().last());
        assertThat(url.getRawPath()).matches("/[A-Za-z0-9_-]{24}/cat%20photo\\.png");
    }

    @Test
    void aVeryLongNonLatinNameStillGivesAPathUnder255Characters() throws Exception {
        TransferEndpoint endpoint = fixture.open("Фото".repeat(250) + ".jpeg", 10, new TestSources.Recording());
        String path = endpoint.url().getRawPath();
        assertThat(path.length()).isLessThan(255);
        assertThat(endpoint.url().getPath()).startsWith("/").endsWith(".jpeg").contains("Фото");
    }

    @Test
    void headAnswersWithTheDownloadHeadersAndDoesNotStartTheSource() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("cat.png", 12345, source);

        HttpResponse<byte[]> head = fixture.send("HEAD", endpoint.url());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("12345");
        assertThat(head.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(head.headers().firstValue("Content-Disposition"))
                .contains("inline; filename=\"cat.png\"; filename*=UTF-8''cat.png");
        assertThat(head.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(head.headers().firstValue("Content-Security-Policy")).contains("sandbox; default-src 'none'");
        assertThat(head.headers().firstValue("Cache-Control")).contains("private");
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(head.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("Content-Length, Content-Type, Content-Disposition");
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("none");
        assertThat(head.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(head.headers().firstValue("Content-Encoding")).isEmpty();

        fixture.send("HEAD", endpoint.url()); // clients HEAD more than once
        assertThat(source.starts).hasValue(0);
    }

    @Test
    void aHostileNameReachesNeitherTheHeadersNorThePathUnsanitised() throws Exception {
        TransferEndpoint endpoint = fixture.open("..\\..\\x\r\nSet-Cookie: a=b\";\u202Egpj.html", 7,
                new TestSources.Recording());
        assertThat(endpoint.url().getRawPath()).matches("/[A-Za-z0-9_-]{24}/[A-Za-z0-9%._~-]+")
                .doesNotContain("%0D", "%0A", "%22", "%E2%80%AE", "..");
        assertThat(endpoint.url().getPath()).endsWith("/xSet-Cookie_ a=b;gpj.html");

        HttpResponse<byte[]> head = fixture.send("HEAD", endpoint.url());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(head.headers().firstValue("Content-Disposition")).contains(
                "attachment; filename=\"xSet-Cookie_ a=b;gpj.html\"; filename*=UTF-8''xSet-Cookie_%20a%3Db%3Bgpj.html");
    }

    @Test
    void activeContentIsServedAsAnOpaqueAttachment() throws Exception {
        TransferEndpoint endpoint = fixture.open("page.html", 5, new TestSources.Recording());
        HttpResponse<byte[]> head = fixture.send("HEAD", endpoint.url());
        assertThat(head.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(head.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    }

    @Test
    void getStreamsTenMebibytesIntactWithTheSameHeadersAsHead() throws Exception {
        byte[] data = new byte[TEN_MIB];
        ThreadLocalRandom.current().nextBytes(data);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture.open("video.mp4", data.length, source);

        Map<String, List<String>> headHeaders = fixture.send("HEAD", endpoint.url()).headers().map();
        HttpResponse<InputStream> get = fixture.getStream(endpoint.url());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count;
        try (InputStream body = new DigestInputStream(get.body(), received)) {
            count = body.transferTo(OutputStream.nullOutputStream());
        }

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(count).isEqualTo(data.length);
        assertThat(received.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(get.headers().map()).isEqualTo(headHeaders);
        assertThat(get.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(source.starts).hasValue(1);
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void aGetDuringTheStreamIsGoneAndTheSourceStartsOnlyOnce() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", 4, source);

        try (Socket first = EndpointFixture.rawConnect(endpoint.url())) {
            first.getOutputStream().write(request("GET", endpoint.url().getRawPath()));
            assertThat(readHead(first.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n");
            source.body(); // streaming, nothing written yet

            assertThat(fixture.send("GET", endpoint.url()).statusCode()).isEqualTo(410);
            assertThat(fixture.send("HEAD", endpoint.url()).statusCode()).isEqualTo(410);
        }
        assertThat(source.starts).hasValue(1);
    }

    @Test
    void aGetAfterTheStreamIsGone() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture.open("hello.txt", data.length, source);

        assertThat(fixture.send("GET", endpoint.url()).body()).isEqualTo(data);
        HttpResponse<byte[]> again = fixture.send("GET", endpoint.url());

        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(source.starts).hasValue(1);
    }

    @Test
    void everyMissIsTheSame404() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat.png", 3, new TestSources.Recording());
        String path = endpoint.url().getRawPath();
        String token = path.substring(1, path.indexOf('/', 1));
        char last = token.charAt(token.length() - 1);
        String nearToken = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        List<String> misses = List.of("/" + nearToken + "/cat.png", "/" + token + "/dog.png", "/" + token,
                "/" + token + "/", "/", "/cat.png", "/" + token + "/cat.png/x", "/x/" + token + "/cat.png");
        HttpResponse<byte[]> reference = fixture.send("GET", withPath(endpoint.url(), misses.get(0)));
        assertThat(reference.statusCode()).isEqualTo(404);
        for (String miss : misses) {
            HttpResponse<byte[]> response = fixture.send("GET", withPath(endpoint.url(), miss));
            assertThat(response.statusCode()).as(miss).isEqualTo(404);
            assertThat(response.body()).as(miss).isEqualTo(reference.body());
            assertThat(response.headers().map()).as(miss).isEqualTo(reference.headers().map());
        }
    }

    @Test
    void theNameMayComeReEncodedByTheClient() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("é.txt", 3, source);
        String path = endpoint.url().getRawPath().replace("%C3%A9", "%c3%a9");
        assertThat(fixture.send("HEAD", withPath(endpoint.url(), path)).statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAreNotAllowedWhateverThePath() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat.png", 3, new TestSources.Recording());
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (URI uri : List.of(endpoint.url(), withPath(endpoint.url(), "/nope"))) {
                HttpResponse<byte[]> response = fixture.send(method, uri);
                assertThat(response.statusCode()).as(method).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
            }
        }
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat.png", 3, new TestSources.Recording());
        HttpResponse<Void> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(endpoint.url())
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://web.example")
                        .header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, OPTIONS");
    }

    @Test
    void aPidginStyleRawRequestGetsAnExactlySpelledContentLengthAndTheBody() throws Exception {
        byte[] data = new byte[100_000];
        ThreadLocalRandom.current().nextBytes(data);
        TransferEndpoint endpoint = fixture.open("photo.jpg", data.length, new TestSources.BackPressured(data, producer));
        URI url = endpoint.url();

        try (Socket socket = EndpointFixture.rawConnect(url)) {
            // libpurple's oob.c: no port in Host, nothing else
            String request = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);

            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 100000\r\n")
                    .doesNotContainIgnoringCase("transfer-encoding");
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
        }
    }

    @Test
    void malformedRequestsGet400AndAClosedConnectionWithoutHarmingOtherEndpoints() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat.png", 3, new TestSources.Recording());
        TransferEndpoint other = fixture.open("dog.png", 3, new TestSources.Recording());
        for (String garbage : List.of("GET / FOO/1.1\r\n\r\n", "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX: " + "b".repeat(10_000) + "\r\n\r\n")) {
            try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
                socket.getOutputStream().write(garbage.getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                assertThat(readHead(in)).startsWith("HTTP/1.1 400 Bad Request\r\n");
                in.readNBytes(16); // the short error text
                assertThat(in.read()).as("connection closed").isEqualTo(-1);
            }
        }
        assertThat(fixture.send("HEAD", endpoint.url()).statusCode()).isEqualTo(200);
        assertThat(fixture.send("HEAD", other.url()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestPipelinedBehindTheStreamIsNotAnsweredAndTheConnectionClosesAfterTheStream() throws Exception {
        byte[] data = new byte[50_000];
        ThreadLocalRandom.current().nextBytes(data);
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture.open("a.bin", data.length, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(request("GET", endpoint.url().getRawPath()));
            InputStream in = socket.getInputStream();
            readHead(in);
            ResponseBody body = source.body();
            socket.getOutputStream().write(request("HEAD", endpoint.url().getRawPath()));
            Thread.sleep(100); // let the pipelined request arrive mid-stream
            body.write(io.netty.buffer.ByteBufAllocator.DEFAULT.buffer().writeBytes(data));
            body.complete();

            assertThat(in.readNBytes(data.length)).isEqualTo(data);
            assertThat(in.read()).as("no second response, then close").isEqualTo(-1);
        }
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void aBrokenRequestBodyClosesTheConnection() throws Exception {
        TransferEndpoint endpoint = fixture.open("cat.png", 3, new TestSources.Recording());
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(("HEAD " + endpoint.url().getRawPath() + " HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private static byte[] request(String method, String path) {
        return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
