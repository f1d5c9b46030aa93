package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;

/**
 * ICQ → Jabber with two devices of one user: both get the offer and download it at the same time, each with its
 * own HTTP client, while the file still streams from the contact; both get exactly the contact's bytes.
 */
class InboundTwoDevicesIT {

    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100093", "pw", "200094", "pw"), List.of("willa"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void twoDevicesDownloadingTheSameOfferAtOnceGetIdenticalBytes() throws Exception {
        try (XmppTestClient phone = fixture.connect("willa", "phone");
                XmppTestClient laptop = fixture.connect("willa", "laptop");
                IcqContact contact = IcqContact.login(fixture, "200094", "pw")) {
            TransportFixture.goOnline(phone, "100093", "pw");
            laptop.sendPresenceAvailable();
            Path file = InboundFileIT.randomFile("concert.mp4");

            CompletableFuture<Void> sent = contact.session.sendFile("100093", file);
            String phoneUrl = Oob.ofMessage(phone.awaitOobMessage(TransportFixture.WAIT)).orElseThrow().url();
            String laptopUrl = Oob.ofMessage(laptop.awaitOobMessage(TransportFixture.WAIT)).orElseThrow().url();
            assertThat(laptopUrl).isEqualTo(phoneUrl);

            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<String> onPhone = CompletableFuture.supplyAsync(() -> download(phoneUrl, go));
            CompletableFuture<String> onLaptop = CompletableFuture.supplyAsync(() -> download(laptopUrl, go));
            go.countDown();

            String expected = InboundFileIT.sha256(file);
            assertThat(onPhone.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(onLaptop.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            sent.get(10, TimeUnit.SECONDS);
        }
    }

    /** A GET by a client of its own, as another device makes, started together with the other one. */
    private static String download(String url, CountDownLatch go) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            go.await();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("download answered " + response.statusCode());
            }
            return InboundFileIT.sha256(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
