package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** DownloadSources for tests: they record what the endpoint told them. */
final class TestSources {

    private TestSources() {}

    /** Records start and cancel; produces nothing unless a test drives {@link #body()}. */
    static class Recording implements DownloadSource {
        final AtomicInteger starts = new AtomicInteger();
        final CompletableFuture<ResponseBody> started = new CompletableFuture<>();
        final CompletableFuture<String> cancelled = new CompletableFuture<>();
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public void start(ResponseBody body) {
            starts.incrementAndGet();
            started.complete(body);
        }

        @Override
        public void cancel(String reason) {
            cancels.incrementAndGet();
            cancelled.complete(reason);
        }

        ResponseBody body() throws Exception {
            return started.get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Produces {@code data} from a task on its own executor (not the HTTP event loop), only while the body is
     * writable, resuming when told it is writable again: a well-behaved relay.
     */
    static final class BackPressured extends Recording {
        private static final int CHUNK = 8 * 1024;

        private final byte[] data;
        private volatile long stopAfter;
        private final ScheduledExecutorService executor;
        final AtomicLong produced = new AtomicLong();
        final AtomicBoolean sawUnwritable = new AtomicBoolean();
        final AtomicInteger resumes = new AtomicInteger();
        private volatile ResponseBody body;
        private boolean completed;
        private volatile boolean aborted;

        /** The peer went away: abort the body, produce nothing more. */
        void abort(Throwable cause) {
            aborted = true;
            body.abort(cause);
        }

        BackPressured(byte[] data, ScheduledExecutorService executor) {
            this(data, data.length, executor);
        }

        /** Stops producing after {@code stopAfter} bytes and waits (a stalled peer). */
        BackPressured(byte[] data, long stopAfter, ScheduledExecutorService executor) {
            this.data = data;
            this.stopAfter = stopAfter;
            this.executor = executor;
        }

        @Override
        public void start(ResponseBody body) {
            this.body = body;
            body.onWritabilityChanged(writable -> {
                if (writable) {
                    resumes.incrementAndGet();
                    executor.execute(this::pump);
                }
            });
            super.start(body);
            executor.schedule(this::pump, 1, TimeUnit.MILLISECONDS);
        }

        /** Lets a stalled source go on up to {@code limit} bytes. */
        void produceUpTo(long limit) {
            stopAfter = limit;
            executor.execute(this::pump);
        }

        private synchronized void pump() {
            if (cancelled.isDone() || aborted) return;
            while (produced.get() < stopAfter && body.isWritable()) {
                int offset = (int) produced.get();
                int length = (int) Math.min(CHUNK, stopAfter - offset);
                ByteBuf chunk = ByteBufAllocator.DEFAULT.buffer(length).writeBytes(data, offset, length);
                produced.addAndGet(length);
                body.write(chunk);
            }
            if (produced.get() == data.length) {
                if (!completed) body.complete();
                completed = true;
            } else if (produced.get() < stopAfter) {
                sawUnwritable.set(true); // paused; the writability listener resumes us
            }
        }
    }
}
