package org.oscartransport.splice;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * Splices a stretch of a stream from one channel into another, chunk by chunk, on the event loop they share, and
 * stops {@linkplain Splice#unsafeTail a receive buffer short} of its end: the caller's usual path reads the rest.
 * Each chunk's end is progress the caller can count (idle timers, meters). Chunks aim at a quarter of a second
 * each, so progress shows often whether the peer sends fast or slowly. Not thread-safe: everything runs on the
 * channels' event loop.
 */
public final class ChunkedSplice {

    /** What the caller hears, on the event loop. */
    public interface Listener {
        /** {@code bytes} more were spliced and written to the target. Return false to splice no further. */
        boolean onChunk(int bytes);

        /**
         * Splicing is over. {@code cause} is null when it stopped at the unsafe tail (the rest comes the usual way),
         * else why it could not go on: a chunk failed, or either channel closed (even after a chunk that arrived
         * whole, so a caller that saw its source close mid-splice hears it here, after the count).
         */
        void onStopped(Throwable cause);
    }

    private static final int MIN_CHUNK = 64 * 1024;
    private static final int MAX_CHUNK = 16 * 1024 * 1024;
    private static final long CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Channel from;
    private final Channel to;
    private final Listener listener;
    private long remaining;
    private int nextChunk = 256 * 1024;
    private boolean stopped;

    private ChunkedSplice(Channel from, Channel to, long remaining, Listener listener) {
        this.from = from;
        this.to = to;
        this.remaining = remaining;
        this.listener = listener;
    }

    /**
     * Starts splicing the next {@code remaining} bytes of {@code from}'s stream into {@code to}, if they are native
     * epoll channels of one loop and the stretch reaches past the unsafe tail; null (and nothing done) otherwise.
     * The caller must be on that loop and hold no bytes of the stream it has not passed on yet.
     */
    public static ChunkedSplice startIfPossible(Channel from, Channel to, long remaining, Listener listener) {
        if (to == null || !Splice.possible(from, to) || spliceable(from, remaining) < MIN_CHUNK) {
            return null;
        }
        ChunkedSplice splice = new ChunkedSplice(from, to, remaining, listener);
        splice.nextChunk();
        return splice;
    }

    private static long spliceable(Channel from, long remaining) {
        return remaining - Splice.unsafeTail(from);
    }

    private void nextChunk() {
        if (!from.isActive() || !to.isActive()) {
            stopped = true;
            listener.onStopped(new ClosedChannelException());
            return;
        }
        long spliceable = spliceable(from, remaining);
        if (spliceable < MIN_CHUNK) {
            stopped = true;
            listener.onStopped(null);
            return;
        }
        int length = (int) Math.min(spliceable, nextChunk);
        long started = System.nanoTime();
        Splice.splice(from, to, length).addListener(f -> chunkDone(length, started, f));
    }

    private void chunkDone(int length, long started, Future<?> f) {
        if (stopped) {
            return;
        }
        if (!f.isSuccess()) {
            stopped = true;
            listener.onStopped(f.cause());
            return;
        }
        remaining -= length;
        long nanos = Math.max(1, System.nanoTime() - started);
        nextChunk = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, length * CHUNK_NANOS / nanos));
        if (!listener.onChunk(length)) {
            stopped = true;
            return;
        }
        nextChunk();
    }

    /** Whether a chunk is still on its way (or about to be): its outcome will still be reported. */
    public boolean running() {
        return !stopped;
    }
}
