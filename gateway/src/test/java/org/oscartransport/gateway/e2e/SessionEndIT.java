package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * ICQ → Jabber files when the user's ICQ session ends (offline, unregistered): the contact hears a rendezvous
 * CANCEL, and the offer's URL goes with the session instead of waiting for its expiry. Stream-only, so a slow
 * download holds the transfer open.
 */
class SessionEndIT {

    private static TransportFixture fixture;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100041", "pw", "100042", "pw", "200041", "pw", "200042", "pw"),
                List.of("quinn", "rita"), "--transfer.spool=false");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void theUserGoingOfflineCancelsAWaitingOfferAndClosesItsUrl() throws Exception {
        try (XmppTestClient quinn = fixture.connect("quinn", "desktop")) {
            TransportFixture.goOnline(quinn, "100041", "pw");
            OscarSession contact = login("200041");
            CompletableFuture<Void> sent = contact.sendFile("100041", InboundFileIT.randomFile("later.pdf"));
            Oob oob = Oob.ofMessage(quinn.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            quinn.sendPresenceUnavailable(); // the transport signs the user off ICQ

            assertCancelledForTheContact(sent);
            // the listener went with the session (the URL's expiry is minutes away)
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
            contact.close();
        }
    }

    @Test
    void unregisteringMidDownloadCancelsTheTransferForTheContact() throws Exception {
        try (XmppTestClient rita = fixture.connect("rita", "laptop")) {
            TransportFixture.goOnline(rita, "100042", "pw");
            OscarSession contact = login("200042");
            CompletableFuture<Void> sent = contact.sendFile("100042", InboundFileIT.randomFile("backup.tar"));
            Oob oob = Oob.ofMessage(rita.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long declared = get.headers().firstValueAsLong("Content-Length").orElseThrow();
            try (InputStream body = get.body()) {
                long read = body.readNBytes(256 * 1024).length; // then stop reading: back-pressure holds the OFT side

                assertThat(rita.unregister(TransportFixture.DOMAIN).getType()).isEqualTo(IQ.Type.result);

                assertCancelledForTheContact(sent);
                read += drain(body);
                assertThat(read).as("the download is cut short").isLessThan(declared);
            }
            contact.close();
        }
    }

    private static void assertCancelledForTheContact(CompletableFuture<Void> sent) {
        assertThatThrownBy(() -> sent.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(TransferCancelledException.class,
                        e -> assertThat(e.byPeer()).as("the transport cancelled, not the contact").isTrue());
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
