package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.http.zip.StreamedZip;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * Several files in one ICQ offer (as Miranda or QIP send a folder) reach the Jabber user as one ZIP download,
 * through a real Prosody, the transport and the OSCAR emulator; and an empty single file works end to end.
 */
class InboundMultiFileIT {

    private static final Duration WAIT = TransportFixture.WAIT;
    private static final int BIG = 3 * 1024 * 1024;

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        fixture = TransportFixture.start(Map.of("100031", "pw31", "200032", "pw32", "100033", "pw33",
                "200034", "pw34"), List.of("olga", "pete"));
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void threeFilesFromOneOfferArriveAsOneZipThatUnpacksToExactlyThem() throws Exception {
        try (XmppTestClient olga = fixture.connect("olga", "phone")) {
            TransportFixture.goOnline(olga, "100031", "pw31");
            Path dir = Files.createTempDirectory(Path.of("target"), "multi");
            byte[] big = new byte[BIG];
            new Random(31).nextBytes(big);
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("trip\u0001empty.txt", Files.write(dir.resolve("empty.txt"), new byte[0]));
            files.put("trip\u0001photos\u0001big.jpg", Files.write(dir.resolve("big.jpg"), big));
            files.put("..\u0001..\u0001.bashrc\u202Egnp.exe", Files.write(dir.resolve("hostile"), "echo hi".getBytes()));
            long total = BIG + 7;
            OscarSession contact = fixture.contacts.login("200032", "pw32", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendNamedFiles("100031", "trip", files);

            Oob oob = Oob.ofMessage(olga.awaitOobMessage(WAIT)).orElseThrow();
            long zipLength = StreamedZip.length(3, total);
            assertThat(oob.url()).endsWith("/trip.zip");
            assertThat(oob.desc()).startsWith("trip.zip (3.0 MiB)");

            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(zipLength);
            assertThat(head.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(head.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
            assertThat(sent).as("HEAD accepts nothing on the ICQ side").isNotDone();

            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat((long) get.body().length).isEqualTo(zipLength);
            sent.get(10, TimeUnit.SECONDS); // the contact saw the last DONE

            // the hostile name loses its climb-outs, its bidi override and its leading dot (no hidden files)
            Map<String, String> expected = Map.of("trip/empty.txt", sha256(new byte[0]),
                    "trip/photos/big.jpg", sha256(big), "bashrcgnp.exe", sha256("echo hi".getBytes()));
            assertThat(unpackStreaming(get.body())).isEqualTo(expected);

            // spool mode: a second download and a resumed one come from the spool, byte for byte the same ZIP
            HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.body()).isEqualTo(get.body());
            HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .header("Range", "bytes=" + (zipLength - 500) + "-").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tail.statusCode()).isEqualTo(206);
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(get.body(), (int) zipLength - 500, (int) zipLength));
            Path saved = Files.write(dir.resolve("download.zip"), get.body());
            try (ZipFile zip = new ZipFile(saved.toFile())) {
                assertThat(zip.size()).isEqualTo(3);
                assertThat(zip.getEntry("trip/photos/big.jpg").getSize()).isEqualTo(BIG);
            }
            contact.close();
        }
    }

    @Test
    void anEmptyFileIsOfferedAndDownloadsAsAnEmptyBody() throws Exception {
        try (XmppTestClient pete = fixture.connect("pete", "laptop")) {
            TransportFixture.goOnline(pete, "100033", "pw33");
            Path dir = Files.createTempDirectory(Path.of("target"), "empty");
            Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
            OscarSession contact = fixture.contacts.login("200034", "pw34", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100033", empty);

            Oob oob = Oob.ofMessage(pete.awaitOobMessage(WAIT)).orElseThrow();
            assertThat(oob.desc()).isEqualTo("empty.txt (0 bytes)");
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(0);
            assertThat(sent).isNotDone();

            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(0);
            assertThat(get.body()).isEmpty();
            sent.get(10, TimeUnit.SECONDS); // the contact's send completed (ACK, then DONE at once)
            contact.close();
        }
    }

    static Map<String, String> unpackStreaming(byte[] zip) throws Exception {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                hashes.put(e.getName(), sha256(in.readAllBytes()));
            }
        }
        return hashes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
