package org.oscartransport.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.config.ConfigException;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.HostAndPort;
import org.oscartransport.gateway.config.TransportConfig;

/** {@code metrics.bind}: off unless the admin sets it, and never on a download port. */
class MetricsConfigTest {

    private static TransportConfig load(String... options) {
        String[] all = new String[options.length + 1];
        all[0] = "--xmpp.secret=s";
        System.arraycopy(options, 0, all, 1, options.length);
        return ConfigLoader.withEnvironment(Map.of()).load(all);
    }

    @Test
    void offByDefault() {
        assertThat(load().metricsBind()).isEmpty();
    }

    @Test
    void takesHostAndPort() {
        assertThat(load("--metrics.bind=127.0.0.1:9464").metricsBind()).hasValue(new HostAndPort("127.0.0.1", 9464));
        assertThat(load("--metrics.bind=[::1]:9464").metricsBind()).hasValue(new HostAndPort("::1", 9464));
    }

    @Test
    void refusesAPortOfTheDownloadRange() {
        assertThatThrownBy(() -> load("--http.ports=40000-40100", "--metrics.bind=0.0.0.0:40050"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.bind").hasMessageContaining("http.ports");
    }

    @Test
    void refusesAnAddressWithoutPort() {
        assertThatThrownBy(() -> load("--metrics.bind=127.0.0.1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics.bind");
    }
}
