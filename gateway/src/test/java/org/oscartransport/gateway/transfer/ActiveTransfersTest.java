package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActiveTransfersTest {

    private final ActiveTransfers transfers = new ActiveTransfers();

    @Test
    void entriesLiveUntilTheirTransferEndsAndOnlyCompletionsAreCounted() {
        ActiveTransfers.Entry a = transfers.add(ActiveTransfers.Direction.IN, "alice@example.org", "200001", "a.jpg", 10);
        ActiveTransfers.Entry b = transfers.add(ActiveTransfers.Direction.OUT, "bob@example.org", "200002", "b.txt", 20);
        assertThat(transfers.all()).containsExactly(a, b);
        assertThat(transfers.of("bob@example.org")).containsExactly(b);

        transfers.ended(a, true);
        transfers.ended(a, true); // a second report of the same end changes nothing
        transfers.ended(b, false);

        assertThat(transfers.all()).isEmpty();
        assertThat(transfers.completedSinceStart()).isEqualTo(1);
        assertThat(transfers.find(a.id())).isEmpty();
    }

    @Test
    void progressCountsRelayedBytesOnceStarted() {
        ActiveTransfers.Entry entry = transfers.add(ActiveTransfers.Direction.IN, "alice@example.org", "200001", "a", 100);
        assertThat(entry.started()).isFalse();
        assertThat(entry.bytesPerSecond()).isZero();

        entry.markStarted();
        entry.addBytes(40);
        entry.addBytes(2);

        assertThat(entry.started()).isTrue();
        assertThat(entry.bytes()).isEqualTo(42);
    }

    @Test
    void cancelReportsWhetherTheTransferCouldBeCancelled() {
        ActiveTransfers.Entry entry = transfers.add(ActiveTransfers.Direction.OUT, "alice@example.org", "200001", "a", 1);
        assertThat(entry.cancel()).as("no way to cancel registered yet").isFalse();

        AtomicInteger calls = new AtomicInteger();
        entry.onCancel(() -> calls.incrementAndGet() == 1);
        assertThat(entry.cancel()).isTrue();
        assertThat(entry.cancel()).isFalse();
    }
}
