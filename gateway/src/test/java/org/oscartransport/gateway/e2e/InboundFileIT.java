package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.IqOobOffer;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * The walking skeleton end to end: a real Prosody, the transport, the OSCAR emulator, a Smack client as the
 * Jabber user and a second OSCAR client as the ICQ contact who sends a 10 MiB file.
 */
class InboundFileIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static final Duration WAIT = TransportFixture.WAIT;
    private static final int FILE_SIZE = 10 * 1024 * 1024;

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        fixture = TransportFixture.start(Map.of("100001", "secret-100001", "100003", "secret-100003",
                "200002", "pw", "200004", "pw"), List.of("alice", "bob"));
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aFileFromAnIcqContactReachesAJabberClientAsAMessageWithOob() throws Exception {
        try (XmppTestClient alice = fixture.connect("alice", "phone")) {
            TransportFixture.goOnline(alice, "100001", "secret-100001");
            Path file = randomFile("holiday photo.jpg");
            OscarSession contact = fixture.contacts.login("200002", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100001", file);

            Message offer = alice.awaitMessage(m -> Oob.ofMessage(m).isPresent(), WAIT);
            Oob oob = Oob.ofMessage(offer).orElseThrow();
            assertThat(offer.getFrom().toString()).startsWith("200002@" + DOMAIN);
            assertThat(offer.getBody()).isEqualTo(oob.url());
            assertThat(oob.desc()).isEqualTo("holiday photo.jpg (10.0 MiB)");
            assertThat(oob.url()).startsWith("http://127.0.0.1:").endsWith("/holiday%20photo.jpg");

            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(FILE_SIZE);
            assertThat(head.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(head.headers().firstValue("Content-Disposition").orElseThrow()).contains("holiday");
            assertThat(sent).as("HEAD accepts nothing on the ICQ side").isNotDone();

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Transfer-Encoding")).isEmpty();
            assertThat(sha256(get.body())).isEqualTo(sha256(file));
            sent.get(10, TimeUnit.SECONDS); // the contact's side saw the transfer complete (OFT DONE)

            // Spool mode (the default): the user's other devices and later downloads get the file again, and a
            // resumed download (Range) gets exactly the rest, all without a second transfer on the ICQ side.
            HttpResponse<InputStream> again = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(sha256(again.body())).isEqualTo(sha256(file));
            HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .header("Range", "bytes=" + (FILE_SIZE - 1000) + "-").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tail.statusCode()).isEqualTo(206);
            byte[] whole = Files.readAllBytes(file);
            assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, FILE_SIZE - 1000, FILE_SIZE));
            contact.close();
        }
    }

    @Test
    void aClientAdvertisingIqOobGetsTheOfferAsAnIqToItsFullJid() throws Exception {
        try (XmppTestClient bob = fixture.connect("bob", "pidgin")) {
            bob.advertiseIqOob(true);
            TransportFixture.goOnline(bob, "100003", "secret-100003");
            Path file = randomFile("notes.txt");
            OscarSession contact = fixture.contacts.login("200004", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100003", file);

            IqOobOffer offer = bob.awaitIqOob(WAIT);
            assertThat(offer.from().toString()).isEqualTo("200004@" + DOMAIN);
            assertThat(offer.desc()).isEqualTo("notes.txt (10.0 MiB)");
            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(offer.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(sha256(get.body())).isEqualTo(sha256(file));
            offer.accept();
            sent.get(10, TimeUnit.SECONDS);
            assertThat(bob.messages().pending()).as("no message offer besides the iq").noneMatch(m -> Oob.ofMessage(m).isPresent());
            contact.close();
        }
    }

    static Path randomFile(String name) throws Exception {
        byte[] bytes = new byte[FILE_SIZE];
        new Random(name.hashCode()).nextBytes(bytes);
        Path dir = Files.createTempDirectory(Path.of("target"), "files");
        return Files.write(dir.resolve(name), bytes);
    }

    static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
