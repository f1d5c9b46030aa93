package org.oscartransport.oscar.session;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.oscartransport.oscar.oft.OftDataOutput;
import org.oscartransport.oscar.oft.OftDataSource;

/**
 * Produces pseudo-random bytes on its own event loop, only while the output is writable, resuming on the
 * writability listener. Can be told to fail after some bytes. Records start/cancel for the tests.
 */
class StreamSource implements OftDataSource {

    private static final int CHUNK = 8 * 1024;

    final CompletableFuture<Void> started = new CompletableFuture<>();
    final CompletableFuture<Throwable> cancelled = new CompletableFuture<>();
    volatile int pauses;
    private final EventExecutor producer;
    private final long size;
    private final long failAfter;
    private final Random random = new Random(42);
    private final MessageDigest digest;
    private long produced;
    private OftDataOutput out;
    private boolean finished;

    StreamSource(EventExecutor producer, long size, long failAfter) {
        this.producer = producer;
        this.size = size;
        this.failAfter = failAfter;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start(OftDataOutput out) {
        this.out = out;
        started.complete(null);
        out.onWritabilityChanged(writable -> {
            if (writable) {
                producer.execute(this::produce);
            }
        });
        producer.execute(this::produce);
    }

    private void produce() {
        while (!finished && out.isWritable()) {
            if (produced >= failAfter) {
                finished = true;
                out.fail(new java.io.IOException("upstream broke after " + produced + " bytes"));
                return;
            }
            int n = (int) Math.min(CHUNK, size - produced);
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            digest.update(bytes);
            ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
            produced += n;
            out.write(buf);
            if (produced == size) {
                finished = true;
                out.complete();
                return;
            }
        }
        if (!finished) {
            pauses++;
        }
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void cancel(Throwable reason) {
        cancelled.complete(reason);
        producer.execute(() -> finished = true);
    }
}
