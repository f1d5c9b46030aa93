package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.splice.Splice;

/** Stream-only mode: nothing on disk, so once the file has gone to one download the URL answers 410 Gone. */
class StreamOnlyIT {

    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100012", "pw12", "200013", "pw13"), List.of("hank"),
                "--transfer.spool=false");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aSecondDownloadIsGoneAndNothingWasSpooled() throws Exception {
        try (XmppTestClient hank = fixture.connect("hank", "phone")) {
            TransportFixture.goOnline(hank, "100012", "pw12");
            Path file = InboundFileIT.randomFile("report.pdf");
            OscarSession contact = fixture.contacts.login("200013", "pw13", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100012", file);
            Oob oob = Oob.ofMessage(hank.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.headers().firstValue("Accept-Ranges")).hasValue("none");
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(10, TimeUnit.SECONDS);

            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(Files.exists(fixture.dataDir().resolve("spool"))).isFalse();
            contact.close();
        }
    }

    /**
     * Beyond the kernel's receive buffer limit (tcp_rmem), most of a stream-only file is spliced socket to socket
     * on native epoll, which the transport runs on here: it must arrive whole, and a download abandoned mid-splice
     * must end the contact's send as one abandoned on the usual path does.
     */
    @Test
    void aFileBeyondTheReceiveBufferArrivesWholeAndAbandoningItMidSpliceEndsTheSend() throws Exception {
        long tail = Splice.receiveBufferLimit();
        byte[] bytes = new byte[(int) (tail + 24 * 1024 * 1024)];
        new java.util.Random(42).nextBytes(bytes);
        Path file = Files.write(Files.createTempDirectory(Path.of("target"), "files").resolve("big.iso"), bytes);
        try (XmppTestClient hank = fixture.connect("hank", "desktop")) {
            TransportFixture.goOnline(hank, "100012", "pw12");
            OscarSession contact = fixture.contacts.login("200013", "pw13", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);

            CompletableFuture<Void> sent = contact.sendFile("100012", file);
            Oob oob = Oob.ofMessage(hank.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            HttpResponse<InputStream> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(oob.url())).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(20, TimeUnit.SECONDS);

            CompletableFuture<Void> again = contact.sendFile("100012", file);
            Oob second = Oob.ofMessage(hank.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            assertThat(RawDownload.firstBytesThenHangUp(second.url(), 8 * 1024 * 1024)).hasSize(8 * 1024 * 1024);
            assertThatThrownBy(() -> again.get(20, TimeUnit.SECONDS)).as("abandoned mid-splice: the send ends")
                    .isInstanceOf(ExecutionException.class);
            contact.close();
        }
    }

    @Test
    void aDownloadAbandonedPartWayEndsTheContactsSendAndTellsTheUser() throws Exception {
        try (XmppTestClient hank = fixture.connect("hank", "laptop")) {
            TransportFixture.goOnline(hank, "100012", "pw12");
            Path file = InboundFileIT.randomFile("abandoned.bin");
            OscarSession contact = fixture.contacts.login("200013", "pw13", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100012", file);
            Oob oob = Oob.ofMessage(hank.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            assertThat(RawDownload.firstBytesThenHangUp(oob.url(), 64 * 1024)).hasSize(64 * 1024);
            assertThatThrownBy(() -> sent.get(20, TimeUnit.SECONDS)).as("nothing keeps the rest: the send ends")
                    .isInstanceOf(ExecutionException.class)
                    .cause().as("with a CANCEL, not only a closed connection")
                    .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
            Message notice = hank.awaitMessage(m -> m.getBody() != null && m.getBody().contains("abandoned.bin"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).startsWith("[File abandoned.bin failed");
            contact.close();
        }
    }

    @Test
    void severalFilesStreamAsOneZipOfTheAnnouncedLength() throws Exception {
        try (XmppTestClient hank = fixture.connect("hank", "tablet")) {
            TransportFixture.goOnline(hank, "100012", "pw12");
            Path dir = Files.createTempDirectory(Path.of("target"), "multi");
            byte[] a = "alpha".getBytes();
            byte[] b = new byte[200_000];
            new java.util.Random(12).nextBytes(b);
            List<Path> files = List.of(Files.write(dir.resolve("a.txt"), a), Files.write(dir.resolve("b.bin"), b));
            OscarSession contact = fixture.contacts.login("200013", "pw13", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFiles("100012", "docs", files);
            Oob oob = Oob.ofMessage(hank.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            HttpResponse<byte[]> get = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(oob.url())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(get.headers().firstValueAsLong("Content-Length"))
                    .hasValue(org.oscartransport.http.zip.StreamedZip.length(2, a.length + b.length));
            assertThat((long) get.body().length).isEqualTo(get.headers().firstValueAsLong("Content-Length").orElseThrow());
            assertThat(InboundMultiFileIT.unpackStreaming(get.body())).containsExactly(
                    Map.entry("docs/a.txt", InboundMultiFileIT.sha256(a)),
                    Map.entry("docs/b.bin", InboundMultiFileIT.sha256(b)));
            sent.get(10, TimeUnit.SECONDS);
            assertThat(Files.exists(fixture.dataDir().resolve("spool"))).isFalse();
            contact.close();
        }
    }
}
