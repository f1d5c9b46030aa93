package org.oscartransport.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportMetricsTest {

    @Test
    void oneScrapeHoldsTheTransportsMetersAndTheJvmBasics() {
        try (TransportMetrics metrics = new TransportMetrics()) {
            metrics.sessions().onlineSessions(() -> 0);
            assertThat(metrics.scrape()).contains(
                    "oscar_transport_transfers_total{", "oscar_transport_sessions_online 0.0",
                    "oscar_transport_users_registered", "oscar_transport_xmpp_reconnects_total",
                    "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "process_files_open_files");
        }
    }
}
