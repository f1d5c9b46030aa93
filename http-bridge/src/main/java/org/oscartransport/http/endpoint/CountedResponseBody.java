package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The contract both response bodies keep with a source, in one place: exactly the announced size, writes after
 * the end released, one terminal state, writability listeners told on the event loop. Subclasses decide where
 * the bytes go and what ending means.
 */
abstract class CountedResponseBody implements ResponseBody {

    enum State { OPEN, COMPLETED, ABORTED, DETACHED }

    final long size;
    final AtomicLong written = new AtomicLong();
    final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final List<Consumer<Boolean>> writabilityListeners = new CopyOnWriteArrayList<>();

    CountedResponseBody(long size) {
        this.size = size;
    }

    /**
     * Passes on bytes within the announced size; {@code total} counts them and all before. Owns {@code data}.
     * Without {@code flush} they may wait for {@link #flush()}, unless they are the last.
     */
    abstract void deliver(ByteBuf data, long total, boolean flush);

    /** Every announced byte was written and the source completed. */
    abstract void finish();

    /** The body failed (source abort or broken contract), once. */
    abstract void failed(Throwable cause);

    @Override
    public final void write(ByteBuf data) {
        put(data, true);
    }

    @Override
    public final void append(ByteBuf data) {
        put(data, false);
    }

    private void put(ByteBuf data, boolean flush) {
        if (state.get() != State.OPEN) {
            data.release(); // too late: the body is over, and we own the buffer
            return;
        }
        long total = written.addAndGet(data.readableBytes());
        if (total > size) {
            data.release();
            fail(new IllegalStateException("source wrote more than the announced " + size + " bytes"));
            return;
        }
        deliver(data, total, flush);
    }

    @Override
    public final void rawWritten(long bytes) {
        if (state.get() != State.OPEN) {
            return;
        }
        long total = written.addAndGet(bytes);
        if (total > size) {
            fail(new IllegalStateException("source wrote more than the announced " + size + " bytes"));
            return;
        }
        deliveredRaw(total);
    }

    /** Bytes went out on the connection directly; {@code total} counts them and all before. */
    void deliveredRaw(long total) {
        throw new UnsupportedOperationException("this body takes no raw bytes");
    }

    @Override
    public final void onWritabilityChanged(Consumer<Boolean> listener) {
        writabilityListeners.add(listener);
    }

    @Override
    public final void complete() {
        if (!state.compareAndSet(State.OPEN, State.COMPLETED)) return;
        long count = written.get();
        if (count != size) {
            failFrom(State.COMPLETED, new IllegalStateException(
                    "source completed after " + count + " of " + size + " bytes"));
            return;
        }
        finish();
    }

    @Override
    public final void abort(Throwable cause) {
        fail(cause);
    }

    /** The endpoint is closing: drop whatever the source still writes. */
    void detach() {
        state.compareAndSet(State.OPEN, State.DETACHED);
    }

    /** Tells the source; on the event loop. */
    final void notifyWritability(boolean writable) {
        if (state.get() != State.OPEN) return;
        for (Consumer<Boolean> l : writabilityListeners) {
            try {
                l.accept(writable);
            } catch (RuntimeException e) {
                fail(e); // a broken source: end its transfer rather than the HTTP pipeline's handlers
                return;
            }
        }
    }

    final void fail(Throwable cause) {
        failFrom(State.OPEN, cause);
    }

    private void failFrom(State expected, Throwable cause) {
        if (state.compareAndSet(expected, State.ABORTED)) failed(cause);
    }
}
