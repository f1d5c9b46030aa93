package org.oscartransport.http.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that hashes what it gets, checks the call order and thread, and (when asked) throttles: every
 * {@code pauseEvery} bytes it turns autoRead off for {@code pauseFor} and counts what still arrives meanwhile.
 */
class RecordingSink implements FetchSink {

    final CompletableFuture<Long> done = new CompletableFuture<>();
    final AtomicInteger terminalCalls = new AtomicInteger();
    final List<String> protocolErrors = new ArrayList<>();
    final List<Long> bytesWhilePaused = new ArrayList<>();
    volatile long announcedSize = Long.MIN_VALUE;
    volatile long received;

    private final MessageDigest sha256;
    private final long pauseEvery;
    private final Duration pauseFor;
    private Channel channel;
    private boolean paused;
    private long nextPauseAt;

    RecordingSink() {
        this(Long.MAX_VALUE, Duration.ZERO);
    }

    RecordingSink(long pauseEvery, Duration pauseFor) {
        this.pauseEvery = pauseEvery;
        this.pauseFor = pauseFor;
        this.nextPauseAt = pauseEvery;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void onStart(Channel channel, long size) {
        if (this.channel != null) protocolErrors.add("onStart twice");
        if (!channel.eventLoop().inEventLoop()) protocolErrors.add("onStart off the event loop");
        this.channel = channel;
        announcedSize = size;
    }

    @Override
    public void onData(ByteBuf data) {
        try {
            if (channel == null) protocolErrors.add("onData before onStart");
            if (terminalCalls.get() > 0) protocolErrors.add("onData after the end");
            if (!data.isReadable()) protocolErrors.add("empty onData");
            if (channel != null && !channel.eventLoop().inEventLoop()) protocolErrors.add("onData off the loop");
            for (java.nio.ByteBuffer part : data.nioBuffers()) sha256.update(part);
            int n = data.readableBytes();
            received += n;
            if (paused) bytesWhilePaused.set(bytesWhilePaused.size() - 1, bytesWhilePaused.get(
                    bytesWhilePaused.size() - 1) + n);
            if (!paused && received >= nextPauseAt) pause();
        } finally {
            data.release();
        }
    }

    private void pause() {
        paused = true;
        bytesWhilePaused.add(0L);
        nextPauseAt = received + pauseEvery;
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(() -> {
            paused = false;
            channel.config().setAutoRead(true);
        }, pauseFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onComplete() {
        if (terminalCalls.incrementAndGet() > 1) protocolErrors.add("second ending");
        done.complete(received);
    }

    @Override
    public void onFailure(Throwable cause) {
        if (terminalCalls.incrementAndGet() > 1) protocolErrors.add("second ending");
        done.completeExceptionally(cause);
    }

    Channel channel() {
        return channel;
    }

    byte[] digest() {
        return sha256.digest();
    }

    /** The bytes received, or the failure thrown as is. */
    long await() throws Exception {
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
