package org.oscartransport.gateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drains any number of {@link Download}s on the calling thread with one selector and one 256 KiB direct buffer
 * whose contents are thrown away: the sink of every path, so all paths pay the same reader cost.
 *
 * <p>With a pause point, each download stops reading once it has that many body bytes; when all have stopped
 * (their senders are then held back by TCP and the relay's back-pressure), {@code whilePaused} runs, and then
 * they finish.
 *
 * <p>The clock stops at the last body byte; HTTP readers then wait (untimed) for the server to close, as the
 * {@code Connection: close} they sent asks, so that no server sees its completed response cut off.
 */
final class ReaderPool {

    private static final int SCRATCH = 256 * 1024;
    /** How long a complete HTTP download waits for the server's close before the reader closes itself. */
    private static final long EOF_WAIT_NANOS = 2_000_000_000L;

    /** What one pass measured. */
    record Result(long startNanos, long resumeNanos, long endNanos, long bytesAfterResume, long totalBytes) {
        double secondsAfterResume() {
            return (endNanos - resumeNanos) / 1e9;
        }
    }

    private ReaderPool() {}

    static Result drain(List<Download> downloads, long timeoutNanos) throws IOException {
        return drain(downloads, -1, () -> { }, timeoutNanos);
    }

    /** @param pauseAfter body bytes after which a download waits for the others (negative: never) */
    static Result drain(List<Download> downloads, long pauseAfter, Runnable whilePaused, long timeoutNanos)
            throws IOException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH);
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        Set<Download> open = new HashSet<>(downloads);
        Set<Download> lingering = new HashSet<>();
        List<SelectionKey> paused = new ArrayList<>();
        long resume = start;
        long bytesAtResume = 0;
        boolean pausing = pauseAfter >= 0;
        try (Selector selector = Selector.open()) {
            for (Download d : downloads) {
                d.open().register(selector, SelectionKey.OP_READ, d);
            }
            long end = 0;
            while (!open.isEmpty() || (!lingering.isEmpty() && System.nanoTime() < end + EOF_WAIT_NANOS)) {
                if (!open.isEmpty() && System.nanoTime() > deadline) {
                    throw new IOException(open.size() + " of " + downloads.size() + " downloads did not finish in time");
                }
                if (pausing && paused.size() == open.size()) {
                    whilePaused.run();
                    pausing = false;
                    bytesAtResume = downloads.stream().mapToLong(Download::bodyBytes).sum();
                    resume = System.nanoTime();
                    paused.forEach(k -> k.interestOps(SelectionKey.OP_READ));
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Download d = (Download) key.attachment();
                    boolean more = d.read(scratch);
                    if (!d.isComplete() && !more) {
                        throw new IOException("a download ended after " + d.bodyBytes() + " of " + d.expected()
                                + " bytes");
                    }
                    if (d.isComplete() && open.remove(d)) {
                        if (open.isEmpty()) {
                            end = System.nanoTime();
                        }
                        if (d.closesFirst()) {
                            key.cancel();
                        } else {
                            lingering.add(d); // the server closes after Connection: close; let it, untimed
                        }
                    } else if (d.isComplete() && !more) {
                        lingering.remove(d);
                        key.cancel();
                    } else if (pausing && d.bodyBytes() >= pauseAfter) {
                        key.interestOps(0);
                        paused.add(key);
                    }
                }
                selector.selectedKeys().clear();
            }
            long total = downloads.stream().mapToLong(Download::bodyBytes).sum();
            return new Result(start, resume, end, total - bytesAtResume, total);
        } finally {
            downloads.forEach(Download::close);
        }
    }
}
