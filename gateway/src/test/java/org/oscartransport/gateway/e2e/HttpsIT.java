package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The transport with {@code http.tls-cert} and {@code http.tls-key}: the offered URL is https:// and a client that
 * trusts the (throwaway, openssl-made) CA downloads the file intact.
 */
class HttpsIT {

    private static TransportFixture fixture;
    private static TestCertificateAuthority ca;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "e2e")), "tls")
                .toAbsolutePath();
        ca = TestCertificateAuthority.create(dir);
        Path chain = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        ca.issue("localhost", chain, key);
        fixture = TransportFixture.start(Map.of("100021", "pw21", "200022", "pw22"), List.of("ivy"),
                "--http.tls-cert=" + chain, "--http.tls-key=" + key);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void theOfferedUrlIsHttpsAndDownloadsTheFile() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "phone")) {
            TransportFixture.goOnline(ivy, "100021", "pw21");
            Path file = InboundFileIT.randomFile("holiday.jpg");
            OscarSession contact = fixture.contacts.login("200022", "pw22", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100021", file);
            Oob oob = Oob.ofMessage(ivy.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            assertThat(oob.url()).startsWith("https://127.0.0.1:");

            HttpClient https = HttpClient.newBuilder().sslContext(ca.trustingClient())
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> get = https.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(10, TimeUnit.SECONDS);
            contact.close();
        }
    }
}
