package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * ICQ → Jabber files with the spool on that end early or never start: a file over the user's spool quota, an offer
 * the contact withdraws before anyone downloads it, and a download abandoned part-way (the spool goes on, so the
 * contact's send completes and the user resumes).
 */
class InboundEdgeFailuresIT {

    private static final int SMALL = 4 * 1024 * 1024;

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100071", "pw", "200072", "pw", "200073", "pw", "200074", "pw"),
                List.of("olga"), "--transfer.quota-per-user=8m");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aFileOverTheSpoolQuotaIsNotOfferedAndBothSidesHearIt() throws Exception {
        try (XmppTestClient olga = fixture.connect("olga", "quota")) {
            TransportFixture.goOnline(olga, "100071", "pw");
            BlockingQueue<String> contactHeard = new LinkedBlockingQueue<>();
            OscarSession contact = fixture.contacts.login("200072", "pw", new OscarSessionListener() {
                @Override
                public void onMessage(String fromUin, String text) {
                    contactHeard.add(text);
                }
            }).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100071", InboundFileIT.randomFile("tenmegs.bin"));

            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            assertThat(contactHeard.poll(10, TimeUnit.SECONDS))
                    .isEqualTo("[File tenmegs.bin not accepted: there is no room for it on the recipient's side]");
            Message notice = olga.awaitMessage(m -> m.getBody() != null && m.getBody().contains("tenmegs.bin"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).startsWith("[File tenmegs.bin could not be offered: ");
            assertThat(Oob.ofMessage(notice)).isEmpty();
            contact.close();
        }
    }

    @Test
    void anOfferTheContactWithdrawsBeforeTheDownloadIsGoneAndTheUserHearsIt() throws Exception {
        // A contact whose client gives up on unanswered offers after a second.
        OscarClient impatient = new OscarClient(fixture.group, new OscarClientConfig(fixture.emulator.address(),
                Duration.ofSeconds(5), Duration.ofSeconds(10), true, Duration.ofSeconds(1)));
        try (XmppTestClient olga = fixture.connect("olga", "withdrawn")) {
            TransportFixture.goOnline(olga, "100071", "pw");
            OscarSession contact = login(impatient, "200073");
            CompletableFuture<Void> sent = contact.sendFile("100071", file("withdrawn.txt"));
            Oob oob = Oob.ofMessage(olga.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            Message notice = olga.awaitMessage(m -> m.getBody() != null && m.getBody().contains("withdrawn.txt"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).isEqualTo("[File withdrawn.txt was cancelled by the sender]");
            assertThat(downloadStatus(oob.url())).as("the URL no longer gives the file").isNotEqualTo(200);
            contact.close();
        }
    }

    @Test
    void aDownloadAbandonedPartWayIsStillSpooledAndResumes() throws Exception {
        try (XmppTestClient olga = fixture.connect("olga", "resume")) {
            TransportFixture.goOnline(olga, "100071", "pw");
            Path file = file("resumable.bin");
            byte[] bytes = Files.readAllBytes(file);
            OscarSession contact = login(fixture.contacts, "200074");
            CompletableFuture<Void> sent = contact.sendFile("100071", file);
            Oob oob = Oob.ofMessage(olga.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            byte[] first = RawDownload.firstBytesThenHangUp(oob.url(), 64 * 1024);
            assertThat(first).isEqualTo(Arrays.copyOf(bytes, 64 * 1024));
            sent.get(20, TimeUnit.SECONDS); // the contact's send completes: the spool took the rest

            HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(URI.create(oob.url()))
                    .header("Range", "bytes=" + first.length + "-").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(bytes, first.length, bytes.length));
            contact.close();
        }
    }

    private static int downloadStatus(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException refused) {
            return -1; // the per-transfer listener is gone
        }
    }

    private static Path file(String name) throws Exception {
        byte[] bytes = new byte[SMALL];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(Files.createTempDirectory(Path.of("target"), "files").resolve(name), bytes);
    }

    private static OscarSession login(OscarClient client, String uin) throws Exception {
        return client.login(uin, "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
    }
}
