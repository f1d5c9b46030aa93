package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** The shared listener behind a (pretend) reverse proxy: offered URLs start with the public base and work. */
class SharedListenerIT {

    private static TransportFixture fixture;
    private static String base;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        int port = freePort();
        base = "http://127.0.0.1:" + port + "/icq/";
        fixture = TransportFixture.start(Map.of("100001", "secret-100001", "200002", "pw"), List.of("alice"),
                "--http.shared-bind=127.0.0.1:" + port, "--http.public-base=" + base);
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void theOfferedUrlIsUnderThePublicBaseAndDownloads() throws Exception {
        try (XmppTestClient alice = fixture.connect("alice", "phone")) {
            TransportFixture.goOnline(alice, "100001", "secret-100001");
            Path file = InboundFileIT.randomFile("shared.bin");
            OscarSession contact = fixture.contacts.login("200002", "pw", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100001", file);

            Oob oob = Oob.ofMessage(alice.awaitMessage(m -> Oob.ofMessage(m).isPresent(), TransportFixture.WAIT))
                    .orElseThrow();
            assertThat(oob.url()).startsWith(base).endsWith("/shared.bin");

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(10, TimeUnit.SECONDS);

            HttpResponse<Void> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "nope/shared.bin")).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(wrong.statusCode()).isEqualTo(404);
            contact.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
