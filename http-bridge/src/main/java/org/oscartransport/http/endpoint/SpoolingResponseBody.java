package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the source writes into in spool mode: every buffer goes to the spool file and, while it is there, to the
 * first GET's response as well (the same memory, shared by reference count, not copied). The source may go on
 * while either side can take more: it pauses while the first client is not writable or the spool writer is
 * behind. When the first client leaves, the source keeps filling the spool for the other devices and for resumes.
 */
final class SpoolingResponseBody implements ResponseBody {

    /** How the endpoint learns that the source failed (its own abort, or a broken contract). Any thread. */
    interface Failure {
        void sourceFailed(Throwable cause);
    }

    private enum State { OPEN, COMPLETED, ABORTED, DETACHED }

    private final long size;
    private final SpoolFile spool;
    private final Failure failure;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final List<Consumer<Boolean>> writabilityListeners = new CopyOnWriteArrayList<>();
    private volatile ChannelResponseBody client;

    /** @param client the first GET's response, or null when the first request was a Range to follow the spool */
    SpoolingResponseBody(long size, SpoolFile spool, ChannelResponseBody client, Failure failure) {
        this.size = size;
        this.spool = spool;
        this.client = client;
        this.failure = failure;
        if (client != null) client.onWritabilityChanged(writable -> writabilityChanged());
    }

    @Override
    public void write(ByteBuf data) {
        if (state.get() != State.OPEN) {
            data.release();
            return;
        }
        if (written.addAndGet(data.readableBytes()) > size) {
            data.release();
            fail(new IllegalStateException("source wrote more than the announced " + size + " bytes"));
            return;
        }
        ChannelResponseBody first = client;
        if (first != null) first.write(data.retainedDuplicate());
        spool.append(data);
    }

    @Override
    public boolean isWritable() {
        ChannelResponseBody first = client;
        return state.get() == State.OPEN && (first == null || first.isWritable()) && spool.hasRoom();
    }

    @Override
    public void onWritabilityChanged(Consumer<Boolean> listener) {
        writabilityListeners.add(listener);
    }

    @Override
    public void complete() {
        if (!state.compareAndSet(State.OPEN, State.COMPLETED)) return;
        long count = written.get();
        if (count != size) {
            failFrom(State.COMPLETED, new IllegalStateException(
                    "source completed after " + count + " of " + size + " bytes"));
            return;
        }
        ChannelResponseBody first = client;
        if (first != null) first.complete();
        spool.finish();
    }

    @Override
    public void abort(Throwable cause) {
        fail(cause);
    }

    /** The first client went away; the spool alone now paces the source. On the event loop. */
    void clientLeft() {
        client = null;
        writabilityChanged();
    }

    /** The client or the spool writer changed its mind: tell the source. On the event loop. */
    void writabilityChanged() {
        if (state.get() != State.OPEN) return;
        boolean writable = isWritable();
        for (Consumer<Boolean> l : writabilityListeners) {
            try {
                l.accept(writable);
            } catch (RuntimeException e) {
                fail(e); // a broken source: end the transfer rather than the HTTP pipeline's handlers
                return;
            }
        }
    }

    /** The endpoint is closing: drop whatever the source still writes. */
    void detach() {
        state.compareAndSet(State.OPEN, State.DETACHED);
    }

    private void fail(Throwable cause) {
        failFrom(State.OPEN, cause);
    }

    private void failFrom(State expected, Throwable cause) {
        if (!state.compareAndSet(expected, State.ABORTED)) return;
        ChannelResponseBody first = client;
        if (first != null) first.abort(cause);
        failure.sourceFailed(cause);
    }
}
