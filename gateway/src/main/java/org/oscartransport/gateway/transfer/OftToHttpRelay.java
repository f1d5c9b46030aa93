package org.oscartransport.gateway.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.oscartransport.http.endpoint.DownloadSource;
import org.oscartransport.http.endpoint.ResponseBody;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;

/**
 * Pipes an ICQ contact's OFT data connection into the HTTP response of the first download.
 *
 * <p>Bytes are appended to the response as they come and flushed once per socket read batch, as a plain relay
 * does: one write system call for several reads.
 *
 * <p>Where the response goes straight to its client over plain HTTP, its connection is also offered as the OFT
 * receiver's splice target: on native epoll the file's bytes then move socket to socket in the kernel.
 *
 * <p>Back-pressure: the OFT channel reads only while the HTTP channel is writable. Every autoRead decision runs
 * on the OFT channel's event loop and re-reads the current writability, so a writability change on the HTTP
 * loop can never be overtaken by a stale "stop" and stall the transfer.
 */
final class OftToHttpRelay implements DownloadSource, OftDataSink {

    /** What the relay tells its transfer about the outcome. */
    interface Outcome {
        void started();

        void completed();

        void failed(String reason);
    }

    private final IncomingFileOffer offer;
    private final Outcome outcome;
    private final LongConsumer relayed;
    private final UnaryOperator<OftDataSink> framing;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ResponseBody body;
    private volatile Channel dataChannel;

    /**
     * @param relayed told the size of every chunk passed on, for progress
     * @param framing wraps this relay as the OFT sink: identity, or the ZIP of several files
     */
    OftToHttpRelay(IncomingFileOffer offer, Outcome outcome, LongConsumer relayed,
            UnaryOperator<OftDataSink> framing) {
        this.offer = offer;
        this.framing = framing;
        this.outcome = outcome;
        this.relayed = relayed;
    }

    @Override
    public void start(ResponseBody body) {
        this.body = body;
        outcome.started();
        offer.accept(framing.apply(this));
    }

    @Override
    public void cancel(String reason) {
        if (finished.compareAndSet(false, true)) {
            offer.cancel();
            outcome.failed(reason);
        }
    }

    /** Cancelled by the transport: CANCEL to the contact and the response (if any) cut short. */
    void cancelBothSides() {
        if (finished.compareAndSet(false, true)) {
            offer.cancel();
            ResponseBody current = body;
            if (current != null) {
                current.abort(new IllegalStateException("cancelled"));
            }
        }
    }

    /** The contact cancelled: nothing to cancel back, and the response (if any) is cut short. */
    void contactCancelled() {
        if (finished.compareAndSet(false, true)) {
            ResponseBody current = body;
            if (current != null) {
                current.abort(new IllegalStateException("cancelled by the sender"));
            }
        }
    }

    @Override
    public void onStart(Channel channel, long size) {
        this.dataChannel = channel;
        body.onWritabilityChanged(writable -> channel.eventLoop().execute(this::followWritability));
        followWritability();
    }

    /** Appended, not flushed: the read batch ends with one flush (or sooner, once the client's side is full). */
    @Override
    public void onData(ByteBuf data) {
        relayed.accept(data.readableBytes());
        body.append(data);
        if (!body.isWritable()) {
            body.flush(); // may drain at once; if not, reading stops below until the client catches up
            followWritability();
        }
    }

    /**
     * No checksum of the relayed bytes: a mismatch would only be logged (no peer aborts on it, oscar.md §8.5), and
     * it costs about 0.3 s of event-loop CPU per GiB, on every download that is not spliced (TLS, the spool).
     */
    @Override
    public boolean wantsChecksum() {
        return false;
    }

    @Override
    public Channel spliceTarget() {
        ResponseBody current = body;
        return current == null ? null : current.rawChannel().orElse(null);
    }

    @Override
    public void onSpliced(int bytes) {
        relayed.accept(bytes);
        body.rawWritten(bytes);
    }

    @Override
    public void onReadBatchComplete() {
        body.flush();
        followWritability();
    }

    @Override
    public void onComplete() {
        if (finished.compareAndSet(false, true)) {
            body.complete();
            outcome.completed();
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        if (finished.compareAndSet(false, true)) {
            ResponseBody current = body;
            if (current != null) {
                current.abort(cause);
            }
            outcome.failed(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    /** Called only on the OFT channel's event loop. */
    private void followWritability() {
        Channel channel = dataChannel;
        if (channel != null) {
            channel.config().setAutoRead(body.isWritable());
        }
    }

}
