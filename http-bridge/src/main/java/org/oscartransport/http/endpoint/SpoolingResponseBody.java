package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;

/**
 * What the source writes into in spool mode: every buffer goes to the spool file and, while it is there, to the
 * first GET's response as well (the same memory, shared by reference count, not copied). The source may go on
 * while either side can take more: it pauses while the first client is not writable or the spool writer is
 * behind. When the first client leaves, the source keeps filling the spool for the other devices and for resumes.
 */
final class SpoolingResponseBody extends CountedResponseBody {

    /** How the endpoint learns that the source failed (its own abort, or a broken contract). Any thread. */
    interface Failure {
        void sourceFailed(Throwable cause);
    }

    private final SpoolFile spool;
    private final Failure failure;
    private volatile ChannelResponseBody client;

    /** @param client the first GET's response, or null when the first request was a Range to follow the spool */
    SpoolingResponseBody(long size, SpoolFile spool, ChannelResponseBody client, Failure failure) {
        super(size);
        this.spool = spool;
        this.client = client;
        this.failure = failure;
        if (client != null) client.onWritabilityChanged(writable -> writabilityChanged());
    }

    @Override
    void deliver(ByteBuf data, long total, boolean flush) {
        ChannelResponseBody first = client;
        if (first != null) {
            if (flush) {
                first.write(data.retainedDuplicate());
            } else {
                first.append(data.retainedDuplicate());
            }
        }
        spool.append(data);
    }

    @Override
    public void flush() {
        ChannelResponseBody first = client;
        if (first != null) first.flush();
    }

    @Override
    public boolean isWritable() {
        ChannelResponseBody first = client;
        return state.get() == State.OPEN && (first == null || first.isWritable()) && spool.hasRoom();
    }

    @Override
    void finish() {
        ChannelResponseBody first = client;
        if (first != null) first.complete();
        spool.finish();
    }

    /** The first client went away; the spool alone now paces the source. On the event loop. */
    void clientLeft() {
        client = null;
        writabilityChanged();
    }

    /** The client or the spool writer changed its mind: tell the source. On the event loop. */
    void writabilityChanged() {
        notifyWritability(isWritable());
    }

    @Override
    void failed(Throwable cause) {
        ChannelResponseBody first = client;
        if (first != null) first.abort(cause);
        failure.sourceFailed(cause);
    }
}
