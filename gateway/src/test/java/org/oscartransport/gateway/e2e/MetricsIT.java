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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** An admin's scraper sees transfers end to end: counted by direction and outcome, bytes summed, none left active. */
class MetricsIT {

    private static final Duration WAIT = TransportFixture.WAIT;
    private static final int FILE_SIZE = 10 * 1024 * 1024;

    private static TransportFixture fixture;
    private static URI metrics;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        int port = FreePorts.range(1);
        metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        fixture = TransportFixture.start(Map.of("100011", "pw", "100013", "pw", "200012", "pw"),
                List.of("carol", "dave"),
                "--metrics.bind=127.0.0.1:" + port);
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aFinishedInboundTransferShowsInTheScrape() throws Exception {
        try (XmppTestClient carol = fixture.connect("carol", "laptop")) {
            TransportFixture.goOnline(carol, "100011", "pw");
            Path file = InboundFileIT.randomFile("report.pdf");
            OscarSession contact = fixture.contacts.login("200012", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100011", file);

            Oob oob = Oob.ofMessage(carol.awaitMessage(m -> Oob.ofMessage(m).isPresent(), WAIT)).orElseThrow();
            assertThat(scrape()).contains("oscar_transport_transfers_active{direction=\"in\"} 1.0",
                    "oscar_transport_transfers_started_total{direction=\"in\"} 1.0");

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(oob.url())).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(InboundFileIT.sha256(get.body())).isEqualTo(InboundFileIT.sha256(file));
            sent.get(10, TimeUnit.SECONDS);
            contact.close();

            String scrape = awaitScrapeContaining("oscar_transport_transfers_total{direction=\"in\",outcome=\"completed\"} 1.0");
            assertThat(scrape).contains(
                    "oscar_transport_transfers_active{direction=\"in\"} 0.0",
                    "oscar_transport_transfers_total{direction=\"in\",outcome=\"failed\"} 0.0",
                    "oscar_transport_transfer_duration_seconds_count{direction=\"in\",outcome=\"completed\"} 1",
                    "oscar_transport_transfer_first_byte_seconds_count{direction=\"in\"} 1",
                    "jvm_memory_used_bytes{");
            assertThat(value(scrape, "oscar_transport_sessions_online")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "oscar_transport_users_registered")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "oscar_transport_transferred_bytes_total{direction=\"in\"}")).isGreaterThanOrEqualTo(FILE_SIZE);
            assertThat(scrape).as("no user or contact identifiers in labels")
                    .doesNotContain("carol").doesNotContain("100011").doesNotContain("200012").doesNotContain("report");
        }
    }

    @Test
    void anOutboundFileWhoseUrlIsUnreachableIsCountedAsFailed() throws Exception {
        try (XmppTestClient dave = fixture.connect("dave", "psi")) {
            TransportFixture.goOnline(dave, "100013", "pw");
            String nowhere = "http://127.0.0.1:" + FreePorts.range(1) + "/upload/nothing.bin";

            IQ answer = dave.request("200012@" + TransportFixture.DOMAIN, new OutboundFileIT.OobQuery(nowhere));

            assertThat(answer.getType()).isEqualTo(IQ.Type.error);
            String scrape = awaitScrapeContaining("oscar_transport_transfers_total{direction=\"out\",outcome=\"failed\"} 1.0");
            assertThat(scrape).contains("oscar_transport_transfers_started_total{direction=\"out\"} 1.0",
                    "oscar_transport_transfers_active{direction=\"out\"} 0.0",
                    "oscar_transport_transferred_bytes_total{direction=\"out\"} 0.0");
        }
    }

    @Test
    void onlyMetricsIsServed() throws Exception {
        URI other = metrics.resolve("/");
        assertThat(http.send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(404);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The transfer is counted when OFT DONE arrives, which can trail the last HTTP byte by a moment. */
    private static String awaitScrapeContaining(String line) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String scrape = scrape();
        while (!scrape.contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = scrape();
        }
        return scrape;
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
