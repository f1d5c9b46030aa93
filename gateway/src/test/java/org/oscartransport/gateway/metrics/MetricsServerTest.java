package org.oscartransport.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static final String SCRAPE = "# TYPE x counter\nx_total 1.0\n";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private MetricsServer start() throws InterruptedException {
        return MetricsServer.start(group, new InetSocketAddress("127.0.0.1", 0), () -> SCRAPE);
    }

    private HttpResponse<String> send(MetricsServer server, String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getMetricsAnswersThePrometheusTextFormat() throws Exception {
        try (MetricsServer server = start()) {
            HttpResponse<String> response = send(server, "GET", "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
            assertThat(response.body()).isEqualTo(SCRAPE);
        }
    }

    @Test
    void aQueryStringIsIgnored() throws Exception {
        try (MetricsServer server = start()) {
            assertThat(send(server, "GET", "/metrics?name[]=x").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everythingElseIsNotFound() throws Exception {
        try (MetricsServer server = start()) {
            assertThat(send(server, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(send(server, "GET", "/metrics/x").statusCode()).isEqualTo(404);
            HttpResponse<String> post = send(server, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(404);
            assertThat(post.body()).doesNotContain("x_total");
        }
    }

    @Test
    void closingStopsListening() throws Exception {
        MetricsServer server = start();
        int port = server.address().getPort();
        server.close();

        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }
}
