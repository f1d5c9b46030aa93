package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.http.fetch.FetchFixture.LOOPBACK;
import static org.oscartransport.http.fetch.FetchFixture.probe;
import static org.oscartransport.http.fetch.ScriptedServer.answer;
import static org.oscartransport.http.fetch.ScriptedServer.chunked;
import static org.oscartransport.http.fetch.ScriptedServer.head;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies relayed into a sink: whole, throttled, chunked, and every way they can go wrong. */
class StreamTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    private final FetchFixture fixture = new FetchFixture();
    private final UrlFetcher fetcher = fixture.fetcher(LOOPBACK);
    private ScriptedServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        fixture.close();
    }

    @Test
    void tenMibArriveIntactThroughAThrottlingSink() throws Exception {
        byte[] data = randomBytes(TEN_MIB);
        server = new ScriptedServer((request, out) -> answer(request, out, 200, data, "Content-Type: video/mp4"));
        RemoteFile file = probe(fetcher, server.url("/v/clip.mp4"));
        RecordingSink sink = new RecordingSink(1024 * 1024, Duration.ofMillis(100));

        fetcher.stream(file, sink);

        assertThat(sink.await()).isEqualTo(TEN_MIB);
        assertThat(sink.announcedSize).isEqualTo(TEN_MIB);
        assertThat(sink.digest()).isEqualTo(sha256(data));
        assertThat(sink.protocolErrors).isEmpty();
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
        // Back-pressure held: each pause saw at most the rest of one socket read, not the megabytes in flight.
        assertThat(sink.bytesWhilePaused).hasSizeGreaterThanOrEqualTo(9);
        assertThat(sink.bytesWhilePaused).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(128 * 1024));
        assertThat(server.methods()).containsExactly("HEAD /v/clip.mp4", "GET /v/clip.mp4");
    }

    @Test
    void aChunkedBodyStreamsWithItsSizeUnknownUntilTheEnd() throws Exception {
        byte[] data = randomBytes(300_000);
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                answer(request, out, 405, new byte[0]);
            } else {
                head(out, 200, "Transfer-Encoding: chunked");
                chunked(out, data, 7000);
            }
        });
        RemoteFile file = probe(fetcher, server.url("/live.bin"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThat(sink.await()).isEqualTo(data.length);
        assertThat(sink.announcedSize).isEqualTo(-1);
        assertThat(sink.digest()).isEqualTo(sha256(data));
        assertThat(sink.protocolErrors).isEmpty();
    }

    @Test
    void aSinkPausedLongerThanTheReadTimeoutIsNotATimeout() throws Exception {
        UrlFetcher patient = fixture.fetcher(LOOPBACK.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)));
        byte[] data = randomBytes(3 * 1024 * 1024);
        server = new ScriptedServer((request, out) -> answer(request, out, 200, data));
        RemoteFile file = probe(patient, server.url("/f.bin"));
        RecordingSink sink = new RecordingSink(1024 * 1024, Duration.ofMillis(700));

        patient.stream(file, sink);

        assertThat(sink.await()).isEqualTo(data.length);
        assertThat(sink.digest()).isEqualTo(sha256(data));
    }

    @Test
    void aServerStallingMidBodyTimesOut() throws Exception {
        UrlFetcher impatient = fixture.fetcher(LOOPBACK.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        server = new ScriptedServer((request, out) -> {
            head(out, 200, "Content-Length: 100000");
            if (request.method().equals("GET")) {
                out.write(new byte[50_000]);
                out.flush();
                Thread.sleep(10_000);
            }
        });
        RemoteFile file = probe(impatient, server.url("/stall"));
        RecordingSink sink = new RecordingSink();

        impatient.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchTimeoutException.class);
        assertThat(sink.received).isEqualTo(50_000);
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    @Test
    void streamedBytesOverTheLimitAreRefused() throws Exception {
        UrlFetcher small = fixture.fetcher(LOOPBACK.withMaxSize(1024 * 1024));
        byte[] data = randomBytes(2 * 1024 * 1024);
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                head(out, 200); // no length: the GET fallback finds none either
            } else {
                head(out, 200, "Transfer-Encoding: chunked");
                chunked(out, data, 16 * 1024);
            }
        });
        RemoteFile file = probe(small, server.url("/endless"));
        assertThat(file.size()).isEqualTo(-1);
        RecordingSink sink = new RecordingSink();

        small.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchRefusedException.class).hasMessageContaining("too large");
        assertThat(sink.received).isLessThanOrEqualTo(1024 * 1024);
        assertThat(sink.protocolErrors).isEmpty();
    }

    @Test
    void moreBytesThanTheProbeAnnouncedFail() throws Exception {
        byte[] data = randomBytes(2000);
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                head(out, 200, "Content-Length: 1000");
            } else {
                head(out, 200, "Transfer-Encoding: chunked");
                chunked(out, data, 300);
            }
        });
        RemoteFile file = probe(fetcher, server.url("/grows"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("more bytes than the 1000 announced");
        assertThat(sink.received).isLessThanOrEqualTo(1000);
    }

    @Test
    void aBodyCutShortFails() throws Exception {
        server = new ScriptedServer((request, out) -> {
            head(out, 200, "Content-Length: 100000");
            if (request.method().equals("GET")) out.write(new byte[60_000]); // then the connection closes
        });
        RemoteFile file = probe(fetcher, server.url("/short"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchFailedException.class);
        assertThat(sink.received).isEqualTo(60_000);
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    @Test
    void aChunkedBodyEndingBeforeTheProbedSizeFails() throws Exception {
        server = new ScriptedServer((request, out) -> {
            if (request.method().equals("HEAD")) {
                head(out, 200, "Content-Length: 5000");
            } else {
                head(out, 200, "Transfer-Encoding: chunked");
                chunked(out, new byte[4000], 1000);
            }
        });
        RemoteFile file = probe(fetcher, server.url("/shrunk"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("ended after 4000 of 5000 bytes");
    }

    @Test
    void aLengthThatChangedSinceTheProbeFailsBeforeStart() throws Exception {
        server = new ScriptedServer((request, out) -> head(out, 200,
                "Content-Length: " + (request.method().equals("HEAD") ? 1000 : 1001)));
        RemoteFile file = probe(fetcher, server.url("/changed"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("the file changed");
        assertThat(sink.announcedSize).isEqualTo(Long.MIN_VALUE); // onStart never came
    }

    @Test
    void aFileGoneSinceTheProbeIsNotFound() throws Exception {
        server = new ScriptedServer((request, out) -> answer(request, out,
                request.method().equals("HEAD") ? 200 : 404, new byte[10]));
        RemoteFile file = probe(fetcher, server.url("/expired"));
        RecordingSink sink = new RecordingSink();

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchNotFoundException.class);
    }

    @Test
    void aCheckedAddressTheCurrentPolicyRefusesIsNeverConnectedTo() throws Exception {
        server = new ScriptedServer((request, out) -> answer(request, out, 200, new byte[10]));
        UrlFetcher strict = fixture.fetcher(FetchPolicy.defaults());
        RemoteFile forged = new RemoteFile(server.url("/x"), new InetSocketAddress("127.0.0.1", server.port()), 10,
                "application/octet-stream", "x");
        RecordingSink sink = new RecordingSink();

        strict.stream(forged, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchRefusedException.class);
        assertThat(server.connections.get()).isZero();
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    @Test
    void closingTheChannelCancelsWithOneFailure() throws Exception {
        byte[] data = randomBytes(4 * 1024 * 1024);
        server = new ScriptedServer((request, out) -> answer(request, out, 200, data));
        RemoteFile file = probe(fetcher, server.url("/cancel"));
        RecordingSink sink = new RecordingSink() {
            @Override
            public void onData(ByteBuf buf) {
                super.onData(buf);
                if (received > 100_000) channel().close(); // the ICQ contact cancelled
            }
        };

        fetcher.stream(file, sink);

        assertThatThrownBy(sink::await).isInstanceOf(FetchFailedException.class).hasMessageContaining("closed");
        assertThat(sink.received).isLessThan(data.length);
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        ThreadLocalRandom.current().nextBytes(data);
        return data;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(data, data.length));
    }
}
