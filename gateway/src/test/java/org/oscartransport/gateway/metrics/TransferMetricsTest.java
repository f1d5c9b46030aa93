package org.oscartransport.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.admin.TransferRecord.Direction;
import org.oscartransport.gateway.admin.TransferRecord.Outcome;

class TransferMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TransferMetrics metrics = new TransferMetrics(registry);

    @Test
    void aCompletedTransferIsCountedWithItsBytesAndTimes() {
        TransferMeter meter = metrics.started(Direction.IN);
        meter.dataRequested();
        meter.bytes(1000);
        meter.bytes(24);
        meter.finished(Outcome.COMPLETED);

        assertThat(registry.scrape()).contains(
                "oscar_transport_transfers_started_total{direction=\"in\"} 1.0",
                "oscar_transport_transfers_total{direction=\"in\",outcome=\"completed\"} 1.0",
                "oscar_transport_transferred_bytes_total{direction=\"in\"} 1024.0",
                "oscar_transport_transfers_active{direction=\"in\"} 0.0",
                "oscar_transport_transfer_duration_seconds_count{direction=\"in\",outcome=\"completed\"} 1",
                "oscar_transport_transfer_first_byte_seconds_count{direction=\"in\"} 1",
                "oscar_transport_transfers_total{direction=\"out\",outcome=\"completed\"} 0.0");
    }

    @Test
    void aTransferIsActiveFromItsStartUntilItFinishes() {
        TransferMeter meter = metrics.started(Direction.OUT);
        assertThat(registry.scrape()).contains("oscar_transport_transfers_active{direction=\"out\"} 1.0");

        meter.finished(Outcome.DECLINED);
        assertThat(registry.scrape()).contains("oscar_transport_transfers_active{direction=\"out\"} 0.0",
                "oscar_transport_transfers_total{direction=\"out\",outcome=\"declined\"} 1.0");
    }

    @Test
    void onlyTheFirstEndCounts() {
        TransferMeter meter = metrics.started(Direction.IN);
        meter.finished(Outcome.CANCELLED);
        meter.finished(Outcome.FAILED);

        assertThat(registry.scrape()).contains(
                "oscar_transport_transfers_total{direction=\"in\",outcome=\"cancelled\"} 1.0",
                "oscar_transport_transfers_total{direction=\"in\",outcome=\"failed\"} 0.0",
                "oscar_transport_transfers_active{direction=\"in\"} 0.0");
    }

    @Test
    void timeToFirstByteIsRecordedOncePerTransfer() {
        TransferMeter meter = metrics.started(Direction.IN);
        meter.bytes(1);
        meter.bytes(1);
        meter.bytes(1);

        assertThat(registry.scrape()).contains("oscar_transport_transfer_first_byte_seconds_count{direction=\"in\"} 1");
    }

    @Test
    void dataRequestedTellsAcceptedTransfersFromUnansweredOnes() {
        TransferMeter unanswered = metrics.started(Direction.OUT);
        TransferMeter accepted = metrics.started(Direction.OUT);
        accepted.dataRequested();

        assertThat(unanswered.wasDataRequested()).isFalse();
        assertThat(accepted.wasDataRequested()).isTrue();
    }
}
