package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * The shared listener behind a real nginx configured with the {@code location} block the example config documents:
 * the offered URL is the proxy's, and GET, HEAD and Range pass through it. A download that pauses half-way must not
 * make nginx buffer the file to disk (the documented {@code proxy_buffering off}): nginx logs when it does.
 */
class ReverseProxyIT {

    private static final int FILE_SIZE = 32 * 1024 * 1024;

    private static TransportFixture fixture;
    private static NginxServer nginx;
    private static String base;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startEverything() throws Exception {
        int sharedPort = freePort();
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "e2e")), "nginx");
        nginx = NginxServer.start(dir, NginxServer.documentedLocation(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), sharedPort));
        base = "http://127.0.0.1:" + nginx.port() + "/icq/";
        fixture = TransportFixture.start(Map.of("100051", "pw51", "200052", "pw52"), List.of("ivy"),
                "--http.shared-bind=127.0.0.1:" + sharedPort, "--http.public-base=" + base);
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
        if (nginx != null) nginx.close();
    }

    @Test
    void getHeadAndRangeGoThroughNginxUnbuffered() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "laptop")) {
            TransportFixture.goOnline(ivy, "100051", "pw51");
            Path file = randomFile(Files.createTempDirectory(Path.of("target"), "files").resolve("video.mp4"));
            byte[] bytes = Files.readAllBytes(file);
            OscarSession contact = fixture.contacts.login("200052", "pw52", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100051", file);
            Oob oob = Oob.ofMessage(ivy.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            assertThat(oob.url()).startsWith(base).endsWith("/video.mp4");
            URI url = URI.create(oob.url());

            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).as(nginx.errorLog()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(FILE_SIZE);

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).as(nginx.errorLog()).isEqualTo(200);
            assertThat(readPausingOnce(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(20, TimeUnit.SECONDS);

            HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + FILE_SIZE);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));

            assertThat(nginx.errorLog()).as("nginx buffered the download to disk")
                    .doesNotContain("buffered to a temporary file");
            contact.close();
        }
    }

    /**
     * Reads 64 KiB, stops reading for a second (a slow phone, say), then reads the rest; returns the SHA-256. With
     * proxy buffering on, nginx would meanwhile pull the rest of the file into a temporary file.
     */
    private static String readPausingOnce(InputStream body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            boolean paused = false;
            long read = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
                if (!paused && read >= buffer.length) {
                    paused = true;
                    Thread.sleep(1000);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path randomFile(Path path) throws Exception {
        byte[] bytes = new byte[FILE_SIZE];
        new Random(51).nextBytes(bytes);
        return Files.write(path, bytes);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
