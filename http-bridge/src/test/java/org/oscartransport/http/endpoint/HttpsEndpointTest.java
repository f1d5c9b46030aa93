package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.testsupport.TestCertificateAuthority;

/**
 * Endpoints with built-in TLS, against a throwaway CA made by {@code openssl} at test time: HEAD, GET and Range over
 * HTTPS (the spool served as chunks, since sendfile cannot pass through TLS), a client that does not trust the CA,
 * and certificate files replaced while the endpoints run.
 */
class HttpsEndpointTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    @TempDir
    static Path caDir;
    private static TestCertificateAuthority ca;
    private static SSLContext trustingCa;

    @TempDir
    Path dir;
    private Path chain;
    private Path key;
    private X509Certificate first;
    private HttpEndpointConfig config;
    private EndpointFixture fixture;
    private HttpClient https;
    private final EventLoopGroup producerGroup = new DefaultEventLoopGroup(1);
    private final ScheduledExecutorService producer = producerGroup.next();

    @BeforeAll
    static void createCa() throws Exception {
        ca = TestCertificateAuthority.create(caDir);
        trustingCa = ca.trustingClient();
    }

    @BeforeEach
    void setUp() throws Exception {
        chain = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        first = ca.issue("first", chain, key);
        Path spool = Files.createDirectory(dir.resolve("spool"));
        config = new HttpEndpointConfig("127.0.0.1", "127.0.0.1", EndpointFixture.randomWindow(),
                Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(60))
                .withSpool(spool, 0, 0)
                .withTls(chain, key);
        https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingCa)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private EndpointFixture fixture() {
        return fixture(bootstrap -> { });
    }

    private EndpointFixture fixture(Consumer<ServerBootstrap> tuning) {
        if (fixture == null) fixture = EndpointFixture.withTlsCheckInterval(config, CHECK_INTERVAL, tuning);
        return fixture;
    }

    @AfterEach
    void tearDown() throws Exception {
        producerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (fixture != null) fixture.close();
    }

    @Test
    void headGetAndRangeAreServedOverHttps() throws Exception {
        byte[] data = new byte[TEN_MIB];
        ThreadLocalRandom.current().nextBytes(data);
        TransferEndpoint endpoint = fixture().open("video.mp4", data.length,
                new TestSources.BackPressured(data, producer));
        URI url = endpoint.url();
        assertThat(url.getScheme()).isEqualTo("https");

        HttpResponse<byte[]> head = send("HEAD", url, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(data.length);

        HttpResponse<byte[]> streamed = send("GET", url, null); // the first GET: straight from the source
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(sha256(streamed.body())).isEqualTo(sha256(data));
        EndpointFixture.awaitSpooled(endpoint);

        HttpResponse<byte[]> fromSpool = send("GET", url, null);
        assertThat(fromSpool.statusCode()).isEqualTo(200);
        assertThat(fromSpool.headers().map()).isEqualTo(streamed.headers().map());
        assertThat(sha256(fromSpool.body())).isEqualTo(sha256(data));

        HttpResponse<byte[]> range = send("GET", url, "bytes=1000-2098151");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-2098151/" + data.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2098152));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() throws Exception {
        TransferEndpoint endpoint = fixture().open("a.txt", 3, new TestSources.Recording());
        HttpClient systemTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> systemTrust.send(HttpRequest.newBuilder(endpoint.url())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void replacedCertificateFilesAreServedToNewConnections() throws Exception {
        TransferEndpoint endpoint = fixture().open("a.txt", 3, new TestSources.Recording());
        assertThat(serverCertificate(endpoint.url()).getSerialNumber()).isEqualTo(first.getSerialNumber());

        X509Certificate second = ca.issue("second", chain, key);
        touch(chain, key);

        assertThat(eventuallyServedSerial(endpoint.url(), second.getSerialNumber()))
                .isEqualTo(second.getSerialNumber());
        assertThat(serverCertificate(endpoint.url()).getSubjectX500Principal().getName()).isEqualTo("CN=second");
        assertThat(send("HEAD", endpoint.url(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenReplacementKeepsThePreviousCertificate() throws Exception {
        TransferEndpoint endpoint = fixture().open("a.txt", 3, new TestSources.Recording());
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        touch(key);
        Thread.sleep(3 * CHECK_INTERVAL.toMillis());

        assertThat(serverCertificate(endpoint.url()).getSerialNumber()).isEqualTo(first.getSerialNumber());
        assertThat(serverCertificate(endpoint.url()).getSerialNumber()).isEqualTo(first.getSerialNumber());
        assertThat(send("HEAD", endpoint.url(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewChainWithTheOldKeyKeepsThePreviousCertificateUntilTheKeyFollows() throws Exception {
        TransferEndpoint endpoint = fixture().open("a.txt", 3, new TestSources.Recording());
        Path nextKey = dir.resolve("next-privkey.pem");
        Path nextChain = dir.resolve("next-fullchain.pem");
        X509Certificate next = ca.issue("next", nextChain, nextKey);

        // certbot's renewal, half done: the chain is new, the key is not yet
        Files.copy(nextChain, chain, StandardCopyOption.REPLACE_EXISTING);
        touch(chain);
        Thread.sleep(3 * CHECK_INTERVAL.toMillis());
        assertThat(serverCertificate(endpoint.url()).getSerialNumber()).isEqualTo(first.getSerialNumber());
        assertThat(serverCertificate(endpoint.url()).getSerialNumber()).isEqualTo(first.getSerialNumber());

        Files.copy(nextKey, key, StandardCopyOption.REPLACE_EXISTING);
        touch(key);
        assertThat(eventuallyServedSerial(endpoint.url(), next.getSerialNumber())).isEqualTo(next.getSerialNumber());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStart() throws Exception {
        Path otherKey = dir.resolve("other-privkey.pem");
        ca.issue("other", dir.resolve("other-fullchain.pem"), otherKey);
        HttpEndpointConfig mismatched = HttpEndpointConfig.of("127.0.0.1", "127.0.0.1",
                EndpointFixture.randomWindow()).withTls(chain, otherKey);

        assertThatThrownBy(() -> new TransferEndpoints(fixture().group, mismatched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the first certificate in " + chain);
    }

    @Test
    void missingFilesAreRefusedAtStartNamingTheFile() {
        HttpEndpointConfig broken = HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", EndpointFixture.randomWindow())
                .withTls(chain, dir.resolve("missing.pem"));

        assertThatThrownBy(() -> new TransferEndpoints(fixture().group, broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.pem");
    }

    /**
     * As {@link BackPressureTest} over plain HTTP: TLS buffers (the SslHandler's queue, records in flight, the
     * client's TLS buffers) must not loosen the bound much.
     */
    @Test
    void aSlowReaderOverTlsPausesTheSourceAndBoundsWhatIsInFlight() throws Exception {
        int size = 8 * 1024 * 1024;
        long maxAheadOfReader = 384 * 1024;
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        URI url = fixture(bootstrap -> bootstrap.childOption(ChannelOption.SO_SNDBUF, 16 * 1024))
                .open("big.bin", size, source).url();

        try (Socket plain = new Socket()) {
            plain.setReceiveBufferSize(16 * 1024); // before connect, so the window stays small
            plain.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            SSLSocket socket = (SSLSocket) trustingCa.getSocketFactory()
                    .createSocket(plain, url.getHost(), url.getPort(), true);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(EndpointFixture.readHead(in)).contains("\r\nContent-Length: " + size + "\r\n");

            long stalled = awaitProductionStops(source);
            assertThat(source.sawUnwritable).isTrue();
            assertThat(stalled).isLessThan(maxAheadOfReader);

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            long maxAhead = 0;
            int n;
            while (read < size && (n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                read += n;
                maxAhead = Math.max(maxAhead, source.produced.get() - read);
            }
            assertThat(read).isEqualTo(size);
            assertThat(sha.digest()).isEqualTo(sha256(data));
            assertThat(maxAhead).isLessThan(maxAheadOfReader);
        }
    }

    private static long awaitProductionStops(TestSources.BackPressured source) throws InterruptedException {
        long last = -1;
        while (true) {
            Thread.sleep(300);
            long now = source.produced.get();
            if (now == last) return now;
            last = now;
        }
    }

    private HttpResponse<byte[]> send(String method, URI uri, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        if (range != null) request.header("Range", range);
        return https.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The leaf certificate a fresh connection is shown. */
    private static X509Certificate serverCertificate(URI url) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingCa.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static BigInteger eventuallyServedSerial(URI url, BigInteger wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        BigInteger served;
        do {
            served = serverCertificate(url).getSerialNumber();
            if (served.equals(wanted)) return served;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return served;
    }

    /** A later modification time, whatever the file system's timestamp granularity. */
    private static void touch(Path... files) throws Exception {
        FileTime later = FileTime.from(Instant.now().plusSeconds(10));
        for (Path file : files) Files.setLastModifiedTime(file, later);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
