package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpEndpointConfigTest {

    @Test
    void parsesARangeAndASinglePort() {
        assertThat(PortRange.parse("40000-40100")).isEqualTo(new PortRange(40000, 40100));
        assertThat(PortRange.parse(" 40000 - 40100 ").size()).isEqualTo(101);
        assertThat(PortRange.parse("5280")).isEqualTo(new PortRange(5280, 5280));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "40000-", "-40000", "40100-40000", "0-10", "65000-70000", "1-2-3"})
    void rejectsBadRangesWithAMessageThatShowsTheInput(String text) {
        assertThatThrownBy(() -> PortRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port range");
    }

    @Test
    void defaultsAreFilledIn() {
        HttpEndpointConfig config = HttpEndpointConfig.of("0.0.0.0", "files.example.org", PortRange.parse("40000-40100"));
        assertThat(config.defaultExpiry()).isEqualTo(HttpEndpointConfig.DEFAULT_EXPIRY);
        assertThat(config.gonePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void gonePeriodNeverOutlivesExpiry() {
        HttpEndpointConfig config = new HttpEndpointConfig("0.0.0.0", "h", new PortRange(1, 2),
                Duration.ofMinutes(1), Duration.ofMinutes(10), null);
        assertThat(config.gonePeriod()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void publicHostMustFitInAUrl() {
        assertThatThrownBy(() -> HttpEndpointConfig.of("0.0.0.0", "files example", new PortRange(1, 2)))
                .hasMessageContaining("publicHost 'files example'");
    }

    @Test
    void anIpv6PublicHostIsBracketedInUrls() {
        HttpEndpointConfig config = HttpEndpointConfig.of("::", "2001:db8::1", new PortRange(1, 2));
        assertThat(config.publicUrl(40000, "/t/a.txt").toString()).isEqualTo("http://[2001:db8::1]:40000/t/a.txt");
    }

    @Test
    void publicHostIsRequired() {
        assertThatThrownBy(() -> HttpEndpointConfig.of("0.0.0.0", " ", new PortRange(1, 2)))
                .hasMessageContaining("publicHost");
    }

    @Test
    void withoutASpoolDirectoryTheEndpointsAreStreamOnly() {
        HttpEndpointConfig config = HttpEndpointConfig.of("0.0.0.0", "h", new PortRange(1, 2));
        assertThat(config.spoolDir()).isNull();
        assertThat(config.spooling()).isFalse();
    }

    @Test
    void withSpoolKeepsEverythingElse() {
        HttpEndpointConfig base = new HttpEndpointConfig("0.0.0.0", "h", new PortRange(1, 2),
                Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofSeconds(30));
        HttpEndpointConfig config = base.withSpool(Path.of("/var/spool/oscar"), 100, 1000);
        assertThat(config.spooling()).isTrue();
        assertThat(config.perOwnerQuotaBytes()).isEqualTo(100);
        assertThat(config.totalQuotaBytes()).isEqualTo(1000);
        assertThat(config.defaultExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(config.gonePeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void quotasMustNotBeNegative() {
        assertThatThrownBy(() -> HttpEndpointConfig.of("0.0.0.0", "h", new PortRange(1, 2))
                .withSpool(Path.of("/tmp/s"), -1, 0))
                .hasMessageContaining("quota");
    }
}
