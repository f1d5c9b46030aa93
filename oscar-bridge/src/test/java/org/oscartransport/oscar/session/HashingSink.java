package org.oscartransport.oscar.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.oscartransport.oscar.oft.OftDataSink;

/** A sink that hashes what it receives; {@link #sha256} completes with the hex digest or the failure. */
public class HashingSink implements OftDataSink {

    public final CompletableFuture<String> sha256 = new CompletableFuture<>();
    public volatile long announcedSize = -1;
    public volatile long received;
    private final MessageDigest digest;

    public HashingSink() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onStart(Channel dataChannel, long size) {
        announcedSize = size;
    }

    @Override
    public void onData(ByteBuf data) {
        try {
            received += data.readableBytes();
            for (ByteBuffer b : data.nioBuffers()) {
                digest.update(b);
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void onComplete() {
        sha256.complete(HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void onFailure(Throwable cause) {
        sha256.completeExceptionally(cause);
    }
}
