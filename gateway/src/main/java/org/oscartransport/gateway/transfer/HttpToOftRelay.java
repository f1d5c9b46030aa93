package org.oscartransport.gateway.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.oscartransport.gateway.metrics.TransferMeter;
import org.oscartransport.http.fetch.FetchSink;
import org.oscartransport.http.fetch.RemoteFile;
import org.oscartransport.http.fetch.UrlFetcher;
import org.oscartransport.oscar.oft.OftDataOutput;
import org.oscartransport.oscar.oft.OftDataSource;

/**
 * Pipes the body of a Jabber user's uploaded file (an HTTP GET) into the OFT connection to an ICQ contact.
 *
 * <p>The fetch runs on the OFT connection's event loop; bytes are appended as they come and flushed once per
 * socket read batch. For a plain-HTTP body on native epoll, the OFT connection is also the fetch's splice target:
 * most of the body then moves socket to socket in the kernel.
 *
 * <p>Back-pressure: the HTTP channel reads only while the OFT channel is writable. Every autoRead decision runs
 * on the HTTP channel's event loop and re-reads the current writability (see {@link OftToHttpRelay}).
 */
final class HttpToOftRelay implements OftDataSource, FetchSink {

    private final UrlFetcher fetcher;
    private final RemoteFile file;
    private final TransferMeter meter;
    private final ActiveTransfers.Entry progress;
    private volatile OftDataOutput out;
    private volatile Channel httpChannel;
    private volatile boolean cancelled;

    HttpToOftRelay(UrlFetcher fetcher, RemoteFile file, TransferMeter meter, ActiveTransfers.Entry progress) {
        this.fetcher = fetcher;
        this.file = file;
        this.meter = meter;
        this.progress = progress;
    }

    /**
     * Cancelled from an ad-hoc command once bytes flow: the fetch stops and the OFT connection fails, which
     * ends the transfer for the contact. Before that (proposal pending) there is nothing to abort here.
     */
    boolean abort() {
        OftDataOutput current = out;
        if (current == null || cancelled) {
            return false;
        }
        cancelled = true;
        Channel channel = httpChannel;
        if (channel != null) {
            channel.close();
        }
        current.fail(new CancelledByCommandException());
        return true;
    }

    @Override
    public void start(OftDataOutput out) {
        this.out = out;
        meter.dataRequested();
        progress.markStarted();
        fetcher.stream(file, this, out.eventLoop()); // the body arrives on the loop that writes it out
    }

    @Override
    public void cancel(Throwable reason) {
        cancelled = true;
        Channel channel = httpChannel;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void onStart(Channel channel, long size) {
        this.httpChannel = channel;
        if (cancelled) {
            channel.close();
            return;
        }
        out.onWritabilityChanged(writable -> channel.eventLoop().execute(this::followWritability));
        followWritability();
    }

    /** Appended, not flushed: the read batch ends with one flush (or sooner, once the OFT side is full). */
    @Override
    public void onData(ByteBuf data) {
        meter.bytes(data.readableBytes()); // before append: the output releases the buffer
        progress.addBytes(data.readableBytes());
        out.append(data);
        if (!out.isWritable()) {
            out.flush(); // may drain at once; if not, reading stops below until the contact catches up
            followWritability();
        }
    }

    @Override
    public Channel spliceTarget() {
        OftDataOutput current = out;
        return current == null || cancelled ? null : current.rawChannel();
    }

    @Override
    public void onSpliced(int bytes) {
        meter.bytes(bytes);
        progress.addBytes(bytes);
        out.rawWritten(bytes);
    }

    @Override
    public void onReadBatchComplete() {
        out.flush();
        followWritability();
    }

    @Override
    public void onComplete() {
        out.flush(); // the last batch ends here, before its read-complete
        out.complete();
    }

    @Override
    public void onFailure(Throwable cause) {
        if (!cancelled) {
            out.fail(cause);
        }
    }

    /** Called only on the HTTP channel's event loop. */
    private void followWritability() {
        Channel channel = httpChannel;
        if (channel != null) {
            channel.config().setAutoRead(out.isWritable());
        }
    }
}
