package org.oscartransport.http.endpoint;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A response served from the spool file: the bytes {@code [next, end)}, sent as zero-copy file regions (or, over
 * TLS, as chunks read into buffers, which the chunked writer paces by writability), never past what the file
 * holds. While the spool grows it waits for {@link #pump()} to be called again. One region is in
 * flight at a time, and a file region takes no heap, so a follower holds no file bytes in memory whatever the
 * client's speed. On the endpoint's event loop.
 */
final class SpoolFollower implements InFlightResponse {

    /** Large enough that sendfile does a lot per call; bounded so a response's progress is visible in steps. */
    private static final long MAX_REGION = 8L * 1024 * 1024;

    private final Channel channel;
    private final SpoolFile spool;
    private final long end;
    private final Runnable onResponseSent;
    private final Consumer<SpoolFollower> onDone;
    /** sendfile bypasses the pipeline, so it cannot go through TLS. */
    private final boolean zeroCopy;
    private long next;
    private boolean open = true;
    private boolean writing;

    /** @param onDone told once when this response ends, however it ends */
    SpoolFollower(Channel channel, SpoolFile spool, long start, long end, Runnable onResponseSent,
            Consumer<SpoolFollower> onDone) {
        this.channel = channel;
        this.spool = spool;
        this.next = start;
        this.end = end;
        this.onResponseSent = onResponseSent;
        this.onDone = onDone;
        this.zeroCopy = channel.pipeline().get(SslHandler.class) == null;
    }

    /** Sends what the spool has that this response still needs; finishes the response at its end. */
    void pump() {
        if (!open || writing) return;
        if (next == end) {
            end();
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(sent -> {
                if (sent.isSuccess()) onResponseSent.run();
            });
            return;
        }
        long available = Math.min(spool.length(), end) - next;
        if (available <= 0) return; // the spool's next progress calls us again
        long count = Math.min(available, MAX_REGION);
        Object piece;
        try {
            piece = zeroCopy ? spool.region(next, count) : spool.chunks(next, count);
        } catch (IOException e) { // the spool was deleted under us
            cut();
            return;
        }
        next += count;
        writing = true;
        channel.writeAndFlush(piece).addListener(sent -> {
            writing = false;
            if (sent.isSuccess()) {
                pump();
            } else {
                cut();
            }
        });
    }

    /** Ends the response short: the client sees fewer bytes than Content-Length. */
    void cut() {
        if (!open) return;
        end();
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void writabilityChanged(boolean writable) {
        // Paced by each region's completion instead: file regions do not count towards the water marks.
    }

    @Override
    public void connectionClosed() {
        if (open) end();
    }

    private void end() {
        open = false;
        onDone.accept(this);
    }
}
