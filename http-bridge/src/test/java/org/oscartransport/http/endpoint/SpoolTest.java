package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.http.endpoint.EndpointFixture.awaitSpooled;
import static org.oscartransport.http.endpoint.EndpointFixture.portIsFreedSoon;
import static org.oscartransport.http.endpoint.EndpointFixture.readHead;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream and spool: parallel, repeated, ranged and resumed downloads of one offer, and how they end. */
class SpoolTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    @TempDir
    Path spoolDir;
    private EndpointFixture fixture;
    private final EventLoopGroup producerGroup = new DefaultEventLoopGroup(1);
    private final ScheduledExecutorService producer = producerGroup.next();

    private EndpointFixture fixture() {
        if (fixture == null) fixture = EndpointFixture.spooling(spoolDir, 0, 0, Duration.ofMillis(500));
        return fixture;
    }

    @AfterEach
    void tearDown() throws Exception {
        producerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (fixture != null) fixture.close();
    }

    @Test
    void twoConcurrentGetsBothGetTheFileWhileTheSecondFollowsTheGrowingSpool() throws Exception {
        byte[] data = random(TEN_MIB);
        TestSources.BackPressured source = new TestSources.BackPressured(data, 3 * 1024 * 1024, producer);
        TransferEndpoint endpoint = fixture().open("video.mp4", data.length, source);

        HttpResponse<InputStream> first = fixture().getStream(endpoint.url());
        CompletableFuture<byte[]> firstHash = hashAsync(first.body());
        awaitProduced(source, 3 * 1024 * 1024);
        // The spool now holds part of the file; the other device's GET must follow it as it grows.
        HttpResponse<InputStream> second = fixture().getStream(endpoint.url());
        assertThat(((HttpTransferEndpoint) endpoint).spooledFuture()).isNotDone();
        CompletableFuture<byte[]> secondHash = hashAsync(second.body());
        source.produceUpTo(data.length);

        byte[] expected = sha256(data);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().map()).isEqualTo(first.headers().map());
        assertThat(firstHash.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(secondHash.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(source.starts).hasValue(1);
    }

    @Test
    void aGetAfterTheDownloadIsServedFromTheSpool() throws Exception {
        byte[] data = random(TEN_MIB);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture().open("video.mp4", data.length, source);

        assertThat(fixture().send("GET", endpoint.url()).body()).isEqualTo(data);
        awaitSpooled(endpoint);
        assertThat(spoolFiles()).singleElement().satisfies(f -> assertThat(Files.size(f)).isEqualTo(TEN_MIB));

        HttpResponse<InputStream> again = fixture().getStream(endpoint.url());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Content-Length")).contains(String.valueOf(TEN_MIB));
        assertThat(hashAsync(again.body()).get(30, TimeUnit.SECONDS)).isEqualTo(sha256(data));
        assertThat(source.starts).hasValue(1);
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void rangesGet206WithExactHeadersAndHeadMatchesGet() throws Exception {
        byte[] data = random(1000);
        TransferEndpoint endpoint = spooled("notes.txt", data);

        expectPart(endpoint.url(), "bytes=100-199", data, 100, 200);
        expectPart(endpoint.url(), "bytes=900-", data, 900, 1000);
        expectPart(endpoint.url(), "bytes=-50", data, 950, 1000);
        expectPart(endpoint.url(), "bytes=990-5000", data, 990, 1000);
        expectPart(endpoint.url(), "bytes=0-0", data, 0, 1);
        expectPart(endpoint.url(), "bytes=-5000", data, 0, 1000);

        HttpResponse<byte[]> whole = fixture().send("GET", endpoint.url());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Range")).isEmpty();
        assertThat(fixture().send("HEAD", endpoint.url()).headers().map()).isEqualTo(whole.headers().map());

        HttpResponse<byte[]> several = fixture().send("GET", endpoint.url(), "bytes=0-1,5-6");
        assertThat(several.statusCode()).as("several ranges: the whole file").isEqualTo(200);
        assertThat(several.body()).isEqualTo(data);
    }

    @Test
    void headBeforeAnyGetAdvertisesRangesAndDoesNotStartTheSource() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture().open("cat.png", 12345, source);

        HttpResponse<byte[]> head = fixture().send("HEAD", endpoint.url());
        HttpResponse<byte[]> ranged = fixture().send("HEAD", endpoint.url(), "bytes=100-");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("12345");
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.headers().firstValue("Content-Range")).contains("bytes 100-12344/12345");
        assertThat(source.starts).hasValue(0);
    }

    @Test
    void oneKeepAliveConnectionServesSeveralRangesInTurn() throws Exception {
        byte[] data = random(100_000);
        TransferEndpoint endpoint = spooled("a.bin", data);
        URI url = endpoint.url();
        try (Socket socket = EndpointFixture.rawConnect(url)) {
            InputStream in = socket.getInputStream();
            for (int from : new int[] {0, 50_000, 99_999}) {
                socket.getOutputStream().write(request("GET", url, "bytes=" + from + "-"));
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 206 ").contains("\r\nContent-Length: " + (data.length - from));
                assertThat(in.readNBytes(data.length - from)).isEqualTo(Arrays.copyOfRange(data, from, data.length));
            }
        }
    }

    @Test
    void anUnsatisfiableRangeGets416WithTheSize() throws Exception {
        TransferEndpoint endpoint = spooled("notes.txt", random(1000));
        for (String range : List.of("bytes=1000-", "bytes=5000-6000", "bytes=-0")) {
            HttpResponse<byte[]> get = fixture().send("GET", endpoint.url(), range);
            assertThat(get.statusCode()).as(range).isEqualTo(416);
            assertThat(get.headers().firstValue("Content-Range")).contains("bytes */1000");
            HttpResponse<byte[]> head = fixture().send("HEAD", endpoint.url(), range);
            assertThat(head.statusCode()).isEqualTo(416);
            assertThat(head.headers().map()).isEqualTo(get.headers().map());
        }
        assertThat(fixture().send("GET", endpoint.url()).statusCode()).as("still served").isEqualTo(200);
    }

    @Test
    void aRangeBeforeAnyDownloadStartsTheSourceAndFollowsTheSpool() throws Exception {
        byte[] data = random(2 * 1024 * 1024);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture().open("a.bin", data.length, source);

        HttpResponse<byte[]> part = fixture().send("GET", endpoint.url(), "bytes=1000000-");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000000-2097151/2097152");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1_000_000, data.length));
        assertThat(fixture().send("GET", endpoint.url()).body()).isEqualTo(data);
        assertThat(source.starts).hasValue(1);
    }

    @Test
    void aClientThatLeavesHalfWayResumesWithExactlyTheRest() throws Exception {
        byte[] data = random(4 * 1024 * 1024);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture().open("a.bin", data.length, source);
        URI url = endpoint.url();

        byte[] firstHalf;
        try (Socket socket = EndpointFixture.rawConnect(url)) {
            socket.getOutputStream().write(request("GET", url, null));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 ");
            firstHalf = in.readNBytes(data.length / 2);
        }
        HttpResponse<byte[]> rest = fixture().send("GET", url, "bytes=" + firstHalf.length + "-");

        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Length"))
                .contains(String.valueOf(data.length - firstHalf.length));
        byte[] whole = new byte[data.length];
        System.arraycopy(firstHalf, 0, whole, 0, firstHalf.length);
        System.arraycopy(rest.body(), 0, whole, firstHalf.length, rest.body().length);
        assertThat(whole).isEqualTo(data);
        assertThat(source.starts).hasValue(1);
        assertThat(source.cancels).as("the spool kept the source going").hasValue(0);
    }

    @Test
    void anAbortingSourceCutsEveryResponseDeletesTheSpoolThenGone() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture().open("a.bin", 10_000, source);
        URI url = endpoint.url();
        try (Socket first = EndpointFixture.rawConnect(url); Socket other = EndpointFixture.rawConnect(url);
                Socket ranged = EndpointFixture.rawConnect(url)) {
            first.getOutputStream().write(request("GET", url, null));
            assertThat(readHead(first.getInputStream())).contains("\r\nContent-Length: 10000\r\n");
            ResponseBody body = source.body();
            body.write(Unpooled.wrappedBuffer(new byte[3000]));
            other.getOutputStream().write(request("GET", url, null));
            ranged.getOutputStream().write(request("GET", url, "bytes=1000-"));
            assertThat(readHead(other.getInputStream())).contains("\r\nContent-Length: 10000\r\n");
            assertThat(readHead(ranged.getInputStream())).contains("\r\nContent-Length: 9000\r\n");
            assertThat(first.getInputStream().readNBytes(3000)).hasSize(3000);
            assertThat(other.getInputStream().readNBytes(3000)).hasSize(3000);
            assertThat(ranged.getInputStream().readNBytes(2000)).hasSize(2000);

            body.abort(new IOException("contact cancelled"));

            assertThat(first.getInputStream().readAllBytes()).isEmpty();
            assertThat(other.getInputStream().readAllBytes()).isEmpty();
            assertThat(ranged.getInputStream().readAllBytes()).isEmpty();
            body.write(Unpooled.wrappedBuffer(new byte[100])); // too late: released, not leaked
        }
        awaitNoSpoolFiles();
        assertThat(fixture().send("GET", url).statusCode()).isEqualTo(410);
        assertThat(fixture().send("HEAD", url).statusCode()).isEqualTo(410);
        assertThat(fixture().send("GET", url, "bytes=0-").statusCode()).isEqualTo(410);
        endpoint.closeFuture().get(5, TimeUnit.SECONDS); // after the gone period
        assertThat(source.cancels).as("the source gave up itself").hasValue(0);
        assertThat(fixture().endpoints.spooledBytes()).isZero();
    }

    @Test
    void expiryDeletesTheSpoolAndFreesThePort() throws Exception {
        byte[] data = random(5000);
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture().open("a.bin", data.length, source, Duration.ofSeconds(1));
        assertThat(fixture().send("GET", endpoint.url()).body()).isEqualTo(data);
        awaitSpooled(endpoint);
        assertThat(spoolFiles()).hasSize(1);
        assertThat(fixture().send("GET", endpoint.url()).statusCode()).as("repeatable until expiry").isEqualTo(200);

        endpoint.closeFuture().get(5, TimeUnit.SECONDS);

        awaitNoSpoolFiles();
        assertThat(portIsFreedSoon(endpoint.url().getPort())).isTrue();
        assertThat(fixture().endpoints.spooledBytes()).isZero();
        assertThat(source.cancels).hasValue(0);
    }

    @Test
    void anOfferExpiringUnfetchedCancelsTheSourceAndLeavesNoFile() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture().open("a.bin", 5000, source, Duration.ofMillis(300));
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(source.cancelled.get(1, TimeUnit.SECONDS)).isEqualTo("expired");
        awaitNoSpoolFiles();
    }

    @Test
    void closeMidStreamCancelsTheSourceAndDeletesThePartialSpool() throws Exception {
        TestSources.Recording source = new TestSources.Recording();
        TransferEndpoint endpoint = fixture().open("a.bin", 5000, source);
        try (Socket socket = EndpointFixture.rawConnect(endpoint.url())) {
            socket.getOutputStream().write(request("GET", endpoint.url(), null));
            readHead(socket.getInputStream());
            source.body().write(Unpooled.wrappedBuffer(new byte[1000]));
            assertThat(socket.getInputStream().readNBytes(1000)).hasSize(1000);
            endpoint.close();
            assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        endpoint.closeFuture().get(5, TimeUnit.SECONDS);
        awaitNoSpoolFiles();
    }

    @Test
    void leftoverSpoolFilesOfAPreviousRunAreDeletedAtStartup() throws Exception {
        Files.writeString(spoolDir.resolve("transfer-123.spool"), "old");
        Files.writeString(spoolDir.resolve("not-ours.txt"), "keep");
        fixture();
        assertThat(spoolDir.resolve("transfer-123.spool")).doesNotExist();
        assertThat(spoolDir.resolve("not-ours.txt")).exists();
    }

    @Test
    void aMissingSpoolDirectoryIsCreatedForUsAlone() throws Exception {
        Path dir = spoolDir.resolve("new/spool");
        fixture = EndpointFixture.spooling(dir, 0, 0, Duration.ofSeconds(1));
        assertThat(dir).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    // ---- helpers

    private TransferEndpoint spooled(String name, byte[] data) throws Exception {
        TestSources.BackPressured source = new TestSources.BackPressured(data, producer);
        TransferEndpoint endpoint = fixture().open(name, data.length, source);
        assertThat(fixture().send("GET", endpoint.url()).body()).isEqualTo(data);
        awaitSpooled(endpoint);
        return endpoint;
    }

    private void expectPart(URI url, String range, byte[] data, int from, int to) throws Exception {
        HttpResponse<byte[]> get = fixture().send("GET", url, range);
        assertThat(get.statusCode()).as(range).isEqualTo(206);
        assertThat(get.headers().firstValue("Content-Range")).as(range)
                .contains("bytes " + from + "-" + (to - 1) + "/" + data.length);
        assertThat(get.headers().firstValue("Content-Length")).as(range).contains(String.valueOf(to - from));
        assertThat(get.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(get.body()).as(range).isEqualTo(Arrays.copyOfRange(data, from, to));
        HttpResponse<byte[]> head = fixture().send("HEAD", url, range);
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().map()).as("HEAD " + range).isEqualTo(get.headers().map());
    }

    /** Spool files are deleted by the background writer, a moment after the endpoint decides. */
    private void awaitNoSpoolFiles() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!spoolFiles().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(spoolFiles()).isEmpty();
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(f -> f.toString().endsWith(".spool")).toList();
        }
    }

    static byte[] request(String method, URI url, String range) {
        return (method + " " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                + (range == null ? "" : "Range: " + range + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        return data;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static CompletableFuture<byte[]> hashAsync(InputStream body) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = body) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) sha.update(buffer, 0, n);
                return sha.digest();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitProduced(TestSources.BackPressured source, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.produced.get() < bytes) {
            if (System.nanoTime() > deadline) throw new AssertionError("source stuck at " + source.produced.get());
            Thread.sleep(5);
        }
    }
}
