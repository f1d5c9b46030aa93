package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferLimitsTest {

    private final ActiveTransfers registry = new ActiveTransfers();
    private final TransferLimits limits = new TransferLimits(1024, 2, 3);

    @Test
    void refusesWhatOftCannotCarryAndWhatTheAdminCapped() {
        assertThat(TransferLimits.NONE.refusal(registry, "a@x", 0x1_0000_0000L)).hasValueSatisfying(
                r -> assertThat(r).contains("4 GiB"));
        assertThat(limits.refusal(registry, "a@x", 1025)).hasValueSatisfying(r -> assertThat(r).contains("1.0 KiB"));
        assertThat(limits.refusal(registry, "a@x", 1024)).isEmpty();
    }

    @Test
    void countsTransfersPerUserAndInTotal() {
        registry.add(ActiveTransfers.Direction.IN, "a@x", "1", "f", 1);
        registry.add(ActiveTransfers.Direction.OUT, "a@x", "1", "g", 1);
        assertThat(limits.refusal(registry, "a@x", 1)).hasValueSatisfying(r -> assertThat(r).contains("per user"));
        assertThat(limits.refusal(registry, "b@x", 1)).isEmpty();
        registry.add(ActiveTransfers.Direction.IN, "b@x", "2", "h", 1);
        assertThat(limits.refusal(registry, "c@x", 1)).hasValueSatisfying(r -> assertThat(r).contains("busy"));
    }

    @Test
    void nothingStartsOnceTheTransportIsShuttingDown() {
        registry.stopAccepting();
        assertThat(limits.refusal(registry, "a@x", 1)).contains("the transport is shutting down");
    }
}
