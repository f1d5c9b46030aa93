package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.http.fetch.FetchFixture.LOOPBACK;
import static org.oscartransport.http.fetch.FetchFixture.probe;
import static org.oscartransport.http.fetch.ScriptedServer.answer;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https against a server with a self-signed certificate for {@code files.test}, which the test resolves to
 * 127.0.0.1: refused with the JDK's trust store, fetched when the test trusts that certificate, and refused
 * again when the URL's host is not the certificate's name, although it leads to the same address.
 */
class HttpsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyStore serverKeys;
    private static Certificate serverCertificate;

    private final FetchFixture fixture = new FetchFixture();
    private final byte[] data = new byte[200_000];
    private ScriptedServer server;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("files-test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "files", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=files.test", "-ext", "SAN=dns:files.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            serverKeys.load(in, PASSWORD);
        }
        serverCertificate = serverKeys.getCertificate("files");
    }

    @BeforeEach
    void startServer() throws Exception {
        ThreadLocalRandom.current().nextBytes(data);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = new ScriptedServer((request, out) -> answer(request, out, 200, data,
                "Content-Type: application/zip"), tls);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        fixture.close();
    }

    @Test
    void aSelfSignedCertificateFailsVerificationAgainstTheJdkTrustStore() {
        UrlFetcher fetcher = fixture.fetcher(LOOPBACK, names("files.test"), null);

        assertThatThrownBy(() -> probe(fetcher, url("files.test", "/a.zip")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("TLS with https://files.test:" + server.port());
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aTrustedCertificateForTheUrlsHostIsFetchedWithSni() throws Exception {
        UrlFetcher fetcher = fixture.fetcher(LOOPBACK, names("files.test"), trusting(serverCertificate));

        RemoteFile file = probe(fetcher, url("files.test", "/dl/archive.zip"));
        RecordingSink sink = new RecordingSink();
        fetcher.stream(file, sink);

        assertThat(file.size()).isEqualTo(data.length);
        assertThat(file.fileName()).isEqualTo("archive.zip");
        assertThat(sink.await()).isEqualTo(data.length);
        assertThat(sink.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(server.requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.sniName()).isEqualTo("files.test");
            assertThat(request.header("Host")).isEqualTo("files.test:" + server.port());
        });
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() {
        UrlFetcher fetcher = fixture.fetcher(LOOPBACK, names("other.test"), trusting(serverCertificate));

        assertThatThrownBy(() -> probe(fetcher, url("other.test", "/a.zip")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("No subject alternative DNS name matching other.test");
        assertThatThrownBy(() -> probe(fetcher, server.url("/a.zip"))) // 127.0.0.1 is not in the certificate
                .isInstanceOf(FetchRefusedException.class);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aServerSilentDuringTheHandshakeTimesOut() throws Exception {
        try (ScriptedServer silent = new ScriptedServer((request, out) -> { })) { // plain TCP: never answers TLS
            UrlFetcher fetcher = fixture.fetcher(LOOPBACK.withTimeouts(java.time.Duration.ofMillis(400),
                    java.time.Duration.ofSeconds(5)), names("files.test"), trusting(serverCertificate));

            assertThatThrownBy(() -> probe(fetcher, URI.create("https://files.test:" + silent.port() + "/a")))
                    .isInstanceOf(FetchTimeoutException.class)
                    .hasMessageContaining("TLS handshake with https://files.test:" + silent.port());
        }
    }

    private URI url(String host, String path) {
        return URI.create("https://" + host + ":" + server.port() + path);
    }

    private static Map<String, List<String>> names(String host) {
        return Map.of(host, List.of("127.0.0.1"));
    }

    private static TrustManagerFactory trusting(Certificate certificate) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("files", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
