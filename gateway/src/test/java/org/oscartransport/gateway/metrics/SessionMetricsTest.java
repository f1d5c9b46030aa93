package org.oscartransport.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.login.OscarLoginException;

class SessionMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SessionMetrics metrics = new SessionMetrics(registry);

    @Test
    void loginFailuresAreCountedByReasonNeverByMessage() {
        metrics.loginFailed(new CompletionException(new OscarLoginException(OscarLoginException.Reason.WRONG_PASSWORD,
                "wrong password for 123456")));
        metrics.loginFailed(new IllegalStateException("something else at 10.0.0.1"));

        String scrape = registry.scrape();
        assertThat(scrape).contains(
                "oscar_transport_oscar_login_failures_total{reason=\"wrong_password\"} 1.0",
                "oscar_transport_oscar_login_failures_total{reason=\"other\"} 1.0",
                "oscar_transport_oscar_login_failures_total{reason=\"timeout\"} 0.0");
        assertThat(scrape).doesNotContain("123456").doesNotContain("10.0.0.1");
    }

    @Test
    void onlyConnectionsAfterTheFirstAreReconnects() {
        metrics.xmppConnected();
        assertThat(registry.scrape()).contains("oscar_transport_xmpp_reconnects_total 0.0");

        metrics.xmppConnected();
        metrics.xmppConnected();
        assertThat(registry.scrape()).contains("oscar_transport_xmpp_reconnects_total 2.0");
    }

    @Test
    void everyIcqReconnectAttemptIsCounted() {
        assertThat(registry.scrape()).contains("oscar_transport_oscar_reconnects_total 0.0");
        metrics.oscarReconnectAttempt();
        metrics.oscarReconnectAttempt();
        assertThat(registry.scrape()).contains("oscar_transport_oscar_reconnects_total 2.0");
    }

    @Test
    void onlineSessionsAreReadAtScrapeTime() {
        AtomicInteger online = new AtomicInteger(3);
        metrics.onlineSessions(online::get);
        assertThat(registry.scrape()).contains("oscar_transport_sessions_online 3.0");

        online.set(1);
        assertThat(registry.scrape()).contains("oscar_transport_sessions_online 1.0");
    }

    @Test
    void registeredUsersAreUnknownUntilCounted() {
        RegisteredUsers users = new RegisteredUsers(registry);
        assertThat(registry.scrape()).contains("oscar_transport_users_registered NaN");

        users.counted(42);
        assertThat(registry.scrape()).contains("oscar_transport_users_registered 42.0");
    }
}
