package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.IqOobOffer;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** ICQ → Jabber failures: each side hears about it, nothing hangs. */
class InboundFailuresIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100016", "pw", "100017", "pw", "100018", "pw",
                "200019", "pw", "200020", "pw", "200021", "pw"), List.of("jill", "kate", "liam"),
                "--http.expiry=3s");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aClientDecliningTheIqOobOfferCancelsTheRendezvous() throws Exception {
        try (XmppTestClient jill = fixture.connect("jill", "pidgin")) {
            jill.advertiseIqOob(true);
            TransportFixture.goOnline(jill, "100016", "pw");
            OscarSession contact = login("200019");
            CompletableFuture<Void> sent = contact.sendFile("100016", InboundFileIT.randomFile("unwanted.zip"));

            IqOobOffer offer = jill.awaitIqOob(TransportFixture.WAIT);
            offer.reject(StanzaError.Condition.not_acceptable);

            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            contact.close();
        }
    }

    @Test
    void anOfferNobodyDownloadsExpiresAndTheContactHearsACancel() throws Exception {
        try (XmppTestClient kate = fixture.connect("kate", "phone")) {
            TransportFixture.goOnline(kate, "100017", "pw");
            OscarSession contact = login("200020");
            CompletableFuture<Void> sent = contact.sendFile("100017", InboundFileIT.randomFile("ignored.txt"));
            Oob oob = Oob.ofMessage(kate.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            assertThatThrownBy(() -> sent.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            // The per-transfer listener is gone with the offer: its port no longer answers.
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.net.ConnectException.class);
            contact.close();
        }
    }

    @Test
    void theContactDroppingMidStreamCutsTheDownloadShortAndTellsTheUser() throws Exception {
        try (XmppTestClient liam = fixture.connect("liam", "laptop")) {
            TransportFixture.goOnline(liam, "100018", "pw");
            OscarSession contact = login("200021");
            // Larger than every socket buffer on the way together, so the contact cannot have sent it all already.
            Path file = HugeInboundFileIT.sparseFile(Files.createTempDirectory(Path.of("target"), "files")
                    .resolve("movie.mkv"), 64L << 20);
            contact.sendFile("100018", file);
            Oob oob = Oob.ofMessage(liam.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long declared = get.headers().firstValueAsLong("Content-Length").orElseThrow();
            long read;
            try (InputStream body = get.body()) {
                read = body.readNBytes(1024 * 1024).length;
                contact.close(); // the ICQ contact signs off mid-transfer
                read += drain(body);
            }
            assertThat(read).as("the client sees fewer bytes than Content-Length").isLessThan(declared);
            Message notice = liam.awaitMessage(m -> m.getBody() != null && m.getBody().startsWith("[File movie.mkv"),
                    TransportFixture.WAIT);
            assertThat(notice.getFrom().toString()).startsWith("200021@" + DOMAIN);
            assertThat(notice.getBody()).contains("failed");
        }
    }

    private static long drain(InputStream body) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // a response cut short may also end with an error instead of EOF
        }
        return total;
    }

    private static OscarSession login(String uin) throws Exception {
        return fixture.contacts.login(uin, "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
    }
}
