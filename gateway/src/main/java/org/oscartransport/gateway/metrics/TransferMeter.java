package org.oscartransport.gateway.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import org.oscartransport.gateway.admin.TransferRecord.Outcome;

/**
 * One transfer's view of {@link TransferMetrics}: created when the transfer starts (an offer), told when its data
 * is asked for, fed the bytes the relay moves, and finished exactly once, whatever path ends it.
 */
public final class TransferMeter {

    private final TransferMetrics.PerDirection meters;
    private final long createdAt = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long dataRequestedAt;
    /** Touched only by the relay's event loop: the first-byte check costs one plain read per chunk. */
    private boolean firstByteSeen;

    TransferMeter(TransferMetrics.PerDirection meters) {
        this.meters = meters;
    }

    /** The download began (inbound GET) or the contact accepted (outbound): the clocks for data start here. */
    public void dataRequested() {
        dataRequestedAt = System.nanoTime();
    }

    public boolean wasDataRequested() {
        return dataRequestedAt != 0;
    }

    /** Called by a relay for every chunk it passes on. */
    public void bytes(long count) {
        if (!firstByteSeen) {
            firstByteSeen = true;
            long since = dataRequestedAt != 0 ? dataRequestedAt : createdAt;
            meters.firstByte(System.nanoTime() - since);
        }
        meters.bytes(count);
    }

    /** The first call counts; later ones (a cancel racing a completion) are ignored. */
    public void finished(Outcome outcome) {
        if (finished.compareAndSet(false, true)) {
            long since = dataRequestedAt != 0 ? dataRequestedAt : createdAt;
            meters.finished(outcome, System.nanoTime() - since);
        }
    }
}
