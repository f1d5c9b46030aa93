package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that records what the receive handler told it; bytes are hashed (and kept if small). */
class RecordingSink implements OftDataSink {

    final List<String> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> outcome = new CompletableFuture<>();
    volatile Channel channel;
    volatile long announcedSize = -1;
    volatile long bytes;
    private final MessageDigest sha256;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final boolean keep;

    RecordingSink() {
        this(true);
    }

    RecordingSink(boolean keepBytes) {
        this.keep = keepBytes;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void onStart(Channel dataChannel, long size) {
        events.add("start");
        channel = dataChannel;
        announcedSize = size;
    }

    @Override
    public void onData(ByteBuf data) {
        try {
            consume(data);
        } finally {
            data.release();
        }
    }

    /** Hashes (and keeps) the bytes without releasing them. */
    synchronized void consume(ByteBuf data) {
        byte[] b = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), b);
        sha256.update(b);
        if (keep) {
            kept.write(b, 0, b.length);
        }
        bytes += b.length;
    }

    @Override
    public void onComplete() {
        events.add("complete");
        outcome.complete(null);
    }

    @Override
    public void onFailure(Throwable cause) {
        events.add("failure");
        outcome.completeExceptionally(cause);
    }

    synchronized byte[] sha256() {
        try {
            return ((MessageDigest) sha256.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    synchronized byte[] bytesKept() {
        return kept.toByteArray();
    }

    long count(String event) {
        return events.stream().filter(event::equals).count();
    }
}
