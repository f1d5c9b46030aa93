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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.testsupport.TestCertificateAuthority;

/**
 * The shared listener serving HTTPS itself ({@code http.shared-bind} with {@code http.tls-cert}/{@code http.tls-key},
 * no proxy in front): offered URLs start with the public base, and a client that trusts the CA gets the file, a
 * HEAD with its length and a Range of it.
 */
class SharedListenerTlsIT {

    private static TransportFixture fixture;
    private static TestCertificateAuthority ca;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "e2e")), "tls")
                .toAbsolutePath();
        ca = TestCertificateAuthority.create(dir);
        Path chain = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        ca.issue("localhost", chain, key);
        int port = freePort();
        base = "https://localhost:" + port + "/files/icq/";
        fixture = TransportFixture.start(Map.of("100041", "pw41", "200042", "pw42"), List.of("ivy"),
                "--http.shared-bind=127.0.0.1:" + port, "--http.public-base=" + base,
                "--http.tls-cert=" + chain, "--http.tls-key=" + key);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void theSharedListenerServesHttpsUnderThePublicBaseWithHeadAndRange() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "phone")) {
            TransportFixture.goOnline(ivy, "100041", "pw41");
            Path file = InboundFileIT.randomFile("report.pdf");
            byte[] bytes = Files.readAllBytes(file);
            OscarSession contact = fixture.contacts.login("200042", "pw42", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100041", file);
            Oob oob = Oob.ofMessage(ivy.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            assertThat(oob.url()).startsWith(base).endsWith("/report.pdf");
            URI url = URI.create(oob.url());

            HttpClient https = HttpClient.newBuilder().sslContext(ca.trustingClient())
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> get = https.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(10, TimeUnit.SECONDS);

            HttpResponse<Void> head = https.send(HttpRequest.newBuilder(url)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);

            HttpResponse<byte[]> range = https.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + bytes.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));

            assertThat(plainHttpGetsTheFile(oob.url())).as("plain HTTP on the TLS listener").isFalse();
            contact.close();
        }
    }

    /** A plain-HTTP client talking to the TLS listener: refused one way or another, never served. */
    private static boolean plainHttpGetsTheFile(String httpsUrl) throws InterruptedException {
        try {
            HttpResponse<Void> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(httpsUrl.replace("https://", "http://"))).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return plain.statusCode() == 200;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
