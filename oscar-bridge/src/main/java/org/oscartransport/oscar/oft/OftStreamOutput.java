package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@link OftDataOutput} an {@link OftSendHandler} hands to its {@link OftDataSource}: writes go straight to
 * the channel (Netty queues writes from other threads in order and counts them against writability, so a
 * producer on another loop sees back-pressure at once); everything else is reported on the channel's loop.
 */
final class OftStreamOutput implements OftDataOutput {

    /** What the send handler hears back, always on its event loop. */
    interface Events {
        void onWritten();

        void onWriteFailed(Throwable cause);

        void onSourceComplete(long bytesWritten);

        void onSourceFailed(Throwable cause);
    }

    private final ChannelHandlerContext ctx;
    private final long size;
    private final Events events;
    private final AtomicLong written = new AtomicLong();
    private volatile Consumer<Boolean> writabilityListener;
    private volatile boolean closed;
    private final GenericFutureListener<Future<? super Void>> afterWrite = this::afterWrite;

    OftStreamOutput(ChannelHandlerContext ctx, long size, Events events) {
        this.ctx = ctx;
        this.size = size;
        this.events = events;
    }

    @Override
    public void write(ByteBuf data) {
        put(data, true);
    }

    @Override
    public void append(ByteBuf data) {
        put(data, false);
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    private void put(ByteBuf data, boolean flush) {
        if (closed) {
            data.release();
            return;
        }
        long total = written.addAndGet(data.readableBytes());
        if (total > size) {
            data.release();
            fail(new OftTransferException("data source wrote " + total + " bytes, more than the announced " + size));
            return;
        }
        ChannelFuture sent = flush ? ctx.writeAndFlush(data) : ctx.write(data);
        sent.addListener(afterWrite);
    }

    private void afterWrite(Future<? super Void> f) {
        if (f.isSuccess()) {
            events.onWritten();
        } else {
            events.onWriteFailed(OftTransferException.connectionLost("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public Channel rawChannel() {
        // TLS encrypts in the pipeline: bytes that went around it would reach the peer as garbage
        return closed || ctx.pipeline().get(SslHandler.class) != null ? null : ctx.channel();
    }

    @Override
    public void rawWritten(long bytes) {
        if (closed) {
            return;
        }
        long total = written.addAndGet(bytes);
        if (total > size) {
            fail(new OftTransferException("data source wrote " + total + " bytes, more than the announced " + size));
            return;
        }
        events.onWritten(); // progress, as for a write through the pipeline
    }

    @Override
    public boolean isWritable() {
        return !closed && ctx.channel().isWritable();
    }

    @Override
    public void onWritabilityChanged(Consumer<Boolean> listener) {
        this.writabilityListener = listener;
    }

    @Override
    public void complete() {
        ctx.executor().execute(() -> events.onSourceComplete(written.get()));
    }

    @Override
    public void fail(Throwable cause) {
        ctx.executor().execute(() -> events.onSourceFailed(cause));
    }

    /** The transfer ended: later writes are dropped (and released). */
    void close() {
        closed = true;
    }

    void writabilityChanged(boolean writable) {
        Consumer<Boolean> listener = writabilityListener;
        if (listener != null && !closed) {
            listener.accept(writable);
        }
    }
}
