package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.http.fetch.FetchFixture.LOOPBACK;
import static org.oscartransport.http.fetch.FetchFixture.probe;
import static org.oscartransport.http.fetch.ScriptedServer.answer;
import static org.oscartransport.http.fetch.ScriptedServer.chunked;
import static org.oscartransport.http.fetch.ScriptedServer.head;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a probe learns from real servers on 127.0.0.1, and where it stops. */
class ProbeTest {

    private static final byte[] NOTHING = new byte[0];

    private final FetchFixture fixture = new FetchFixture();
    private final UrlFetcher fetcher = fixture.fetcher(LOOPBACK);
    private ScriptedServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        fixture.close();
    }

    @Test
    void headGivesSizeTypeAndTheNameFromThePath() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200, "Content-Length: 1234",
                "Content-Type: image/png"));

        RemoteFile file = probe(fetcher, server.url("/upload/k3y/%D1%84%D0%BE%D1%82%D0%BE.png?t=secret"));

        assertThat(file.size()).isEqualTo(1234);
        assertThat(file.sizeKnown()).isTrue();
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.fileName()).isEqualTo("фото.png");
        assertThat(file.checkedAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
        assertThat(file.toString()).doesNotContain("secret").doesNotContain("k3y");
        assertThat(server.methods()).containsExactly("HEAD /upload/k3y/%D1%84%D0%BE%D1%82%D0%BE.png?t=secret");
        ScriptedServer.Request request = server.requests.get(0);
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(request.header("User-Agent")).isEqualTo(FetchPolicy.DEFAULT_USER_AGENT);
        assertThat(request.header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void aRefusedHeadFallsBackToAGetWhoseBodyIsNeverRead() throws Exception {
        byte[] big = new byte[32 * 1024 * 1024];
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                answer(request, out, 405, NOTHING, "Allow: GET");
            } else {
                answer(request, out, 200, big, "Content-Type: application/pdf");
            }
        });

        RemoteFile file = probe(fetcher, server.url("/f/report.pdf"));

        assertThat(file.size()).isEqualTo(big.length);
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(server.methods()).containsExactly("HEAD /f/report.pdf", "GET /f/report.pdf");
        awaitWriteFailure(); // the probe hung up: the server could not write 32 MiB into a closed connection
    }

    @Test
    void aHeadWithoutLengthFallsBackToGet() throws Exception {
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                head(out, 200, "Content-Type: text/plain");
            } else {
                answer(request, out, 200, new byte[777], "Content-Type: text/plain");
            }
        });

        assertThat(probe(fetcher, server.url("/notes.txt")).size()).isEqualTo(777);
        assertThat(server.methods()).containsExactly("HEAD /notes.txt", "GET /notes.txt");
    }

    @Test
    void aChunkedGetLeavesTheSizeUnknown() throws Exception {
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                answer(request, out, 501, NOTHING);
            } else {
                head(out, 200, "Transfer-Encoding: chunked");
                chunked(out, new byte[5000], 1000);
            }
        });

        RemoteFile file = probe(fetcher, server.url("/stream.bin"));

        assertThat(file.size()).isEqualTo(-1);
        assertThat(file.sizeKnown()).isFalse();
        assertThat(file.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void theNameComesFromContentDispositionExtendedFormFirst() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200, "Content-Length: 1",
                "Content-Disposition: attachment; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt"));

        assertThat(probe(fetcher, server.url("/x/y")).fileName()).isEqualTo("€ rates.txt");
    }

    @Test
    void theNameComesFromThePlainContentDispositionFilename() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200, "Content-Length: 1",
                "Content-Disposition: inline; filename=\"../holiday photo.jpg\""));

        assertThat(probe(fetcher, server.url("/x/y")).fileName()).isEqualTo("holiday photo.jpg");
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlIsKept() throws Exception {
        server = new ScriptedServer((request, out) -> {
            switch (request.target()) {
                case "/start" -> head(out, 301, "Location: /middle?x=1");
                case "/middle?x=1" -> head(out, 307, "Location: http://127.0.0.1:" + request.header("Host")
                        .split(":")[1] + "/final/song.mp3");
                default -> head(out, 200, "Content-Length: 42", "Content-Type: audio/mpeg");
            }
        });

        RemoteFile file = probe(fetcher, server.url("/start"));

        assertThat(file.finalUrl()).isEqualTo(server.url("/final/song.mp3"));
        assertThat(file.fileName()).isEqualTo("song.mp3");
        assertThat(file.size()).isEqualTo(42);
        assertThat(server.methods()).containsExactly("HEAD /start", "HEAD /middle?x=1", "HEAD /final/song.mp3");
    }

    @Test
    void moreRedirectsThanThePolicyAllowsAreRefused() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 302,
                "Location: " + request.target() + "x", "Content-Length: 0"));

        assertThatThrownBy(() -> probe(fetcher, server.url("/r")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("too many redirects");
        assertThat(server.methods()).containsExactly("HEAD /r", "HEAD /rx", "HEAD /rxx", "HEAD /rxxx");
    }

    @Test
    void aRedirectToTheTransportsOwnPortIsRefused() throws Exception {
        try (ServerSocket own = new ServerSocket(0)) {
            int ownPort = own.getLocalPort();
            UrlFetcher guarded = fixture.fetcher(LOOPBACK.withRefusedOwnPorts(Set.of(ownPort)));
            server = new ScriptedServer((request, out) -> head(out, 302,
                    "Location: http://127.0.0.1:" + ownPort + "/TOKEN/secret.jpg"));

            assertThatThrownBy(() -> probe(guarded, server.url("/go")))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("transport's own");
            own.setSoTimeout(200);
            assertThatThrownBy(own::accept).as("nothing connected to the own port")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void aRedirectToARefusedAddressIsRefused() throws Exception {
        // Only 127.0.0.1 is let through; the rest of loopback stays refused, as private addresses are.
        UrlFetcher guarded = fixture.fetcher(FetchPolicy.defaults()
                .withAllowedRanges(List.of(AddressRange.parse("127.0.0.1/32"))));
        server = new ScriptedServer((request, out) -> head(out, 302, "Location: " + switch (request.target()) {
            case "/to-v4" -> "http://127.0.0.2:" + request.header("Host").split(":")[1] + "/x";
            case "/to-v6" -> "http://[::1]:" + request.header("Host").split(":")[1] + "/x";
            default -> "http://169.254.169.254/latest/meta-data/";
        }));

        for (String path : List.of("/to-v4", "/to-v6", "/to-metadata")) {
            assertThatThrownBy(() -> probe(guarded, server.url(path))).as(path)
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("which the fetch policy refuses");
        }
        assertThat(server.connections.get()).isEqualTo(3); // the redirect targets were never connected to
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 302, "Location: file:///etc/passwd"));

        assertThatThrownBy(() -> probe(fetcher, server.url("/go")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("scheme 'file'");
    }

    @Test
    void theDefaultPolicyRefusesLocalAndPrivateDestinationsWithoutConnecting() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200, "Content-Length: 1"));
        UrlFetcher strict = fixture.fetcher(FetchPolicy.defaults(),
                Map.of("files.example.org", List.of("93.184.216.34", "127.0.0.1"),
                        "intranet.example.org", List.of("10.0.0.7")), null);
        int port = server.port();

        for (String url : List.of("http://127.0.0.1:" + port + "/f", "http://[::1]:" + port + "/f",
                "http://[::ffff:127.0.0.1]:" + port + "/f", "http://10.1.2.3/f", "http://192.168.0.1/f",
                "http://172.20.0.1/f", "http://100.100.100.100/f", "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/f", "http://[fd00::1]/f", "http://0.0.0.0:" + port + "/f",
                "http://files.example.org:" + port + "/f", "http://intranet.example.org/f")) {
            assertThatThrownBy(() -> probe(strict, URI.create(url))).as(url)
                    .isInstanceOf(FetchRefusedException.class)
                    .satisfies(e -> assertThat(((FetchException) e).reason())
                            .isEqualTo(FetchException.Reason.REFUSED));
        }
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void schemesOtherThanHttpAreRefused() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.org/f.zip", "gopher://example.org/",
                "jar:file:/x.jar!/y", "data:text/plain,hi")) {
            assertThatThrownBy(() -> probe(fetcher, URI.create(url))).as(url)
                    .isInstanceOf(FetchRefusedException.class);
        }
    }

    @Test
    void notFoundAndGoneAreNotFoundWithoutAGetFallback() throws Exception {
        server = new ScriptedServer((request, out) ->
                answer(request, out, request.target().equals("/gone") ? 410 : 404, NOTHING));

        assertThatThrownBy(() -> probe(fetcher, server.url("/missing")))
                .isInstanceOf(FetchNotFoundException.class)
                .satisfies(e -> assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> probe(fetcher, server.url("/gone"))).isInstanceOf(FetchNotFoundException.class);
        assertThat(server.methods()).containsExactly("HEAD /missing", "HEAD /gone");
    }

    @Test
    void anErrorOnTheGetFallbackFails() throws Exception {
        server = new ScriptedServer((request, out) ->
                answer(request, out, request.method().equals("HEAD") ? 405 : 500, NOTHING));

        assertThatThrownBy(() -> probe(fetcher, server.url("/f")))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("answered 500");
    }

    @Test
    void anAddressThatRefusesTheConnectionIsSkippedForTheNextCheckedOne() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200, "Content-Length: 5"));
        // The server listens on 127.0.0.1 only: 127.0.0.2 refuses the connection.
        UrlFetcher named = fixture.fetcher(LOOPBACK, Map.of("two.test", List.of("127.0.0.2", "127.0.0.1")), null);

        RemoteFile file = probe(named, URI.create("http://two.test:" + server.port() + "/f"));

        assertThat(file.checkedAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
        assertThat(server.requests.get(0).header("Host")).isEqualTo("two.test:" + server.port());
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        server = new ScriptedServer((request, out) -> {
            out.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            head(out, 200, "Content-Length: 9");
        });

        assertThat(probe(fetcher, server.url("/f")).size()).isEqualTo(9);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> probe(fetcher, URI.create("http://127.0.0.1:" + closedPort + "/f")))
                .isInstanceOf(FetchUnreachableException.class)
                .hasMessageContaining("cannot connect to http://127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownHostIsUnreachable() {
        UrlFetcher named = fixture.fetcher(LOOPBACK, Map.of(), null);

        assertThatThrownBy(() -> probe(named, URI.create("https://no-such-host.example/f")))
                .isInstanceOf(FetchUnreachableException.class)
                .hasMessageContaining("cannot resolve no-such-host.example");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        UrlFetcher impatient = fixture.fetcher(LOOPBACK.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        server = new ScriptedServer((request, out) -> Thread.sleep(10_000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> probe(impatient, server.url("/slow")))
                .isInstanceOf(FetchTimeoutException.class)
                .satisfies(e -> assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aConnectionThatIsNeverAcceptedTimesOut() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, so connecting hangs.
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel filler = java.nio.channels.SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(full.getLocalSocketAddress());
                    fillers.add(filler);
                }
                UrlFetcher impatient = fixture.fetcher(LOOPBACK.withTimeouts(Duration.ofMillis(300),
                        Duration.ofSeconds(5)));

                assertThatThrownBy(() -> probe(impatient, URI.create("http://127.0.0.1:" + full.getLocalPort()
                        + "/f")))
                        .isInstanceOf(FetchTimeoutException.class)
                        .hasMessageContaining("connecting to http://127.0.0.1:" + full.getLocalPort());
            } finally {
                for (java.nio.channels.SocketChannel filler : fillers) filler.close();
            }
        }
    }

    @Test
    void aFileOverTheLimitIsRefusedByItsLength() throws Exception {
        UrlFetcher small = fixture.fetcher(LOOPBACK.withMaxSize(1000));
        server = new ScriptedServer((request, out) -> head(out, 200,
                "Content-Length: " + (request.target().equals("/big") ? 1001 : 1000)));

        assertThat(probe(small, server.url("/exact")).size()).isEqualTo(1000);
        assertThatThrownBy(() -> probe(small, server.url("/big")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("too large");
    }

    private void awaitWriteFailure() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.writeFailures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(server.writeFailures).isNotEmpty();
    }
}
