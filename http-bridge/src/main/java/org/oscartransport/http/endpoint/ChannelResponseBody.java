package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;

/**
 * The body of one streamed GET, written straight into its HTTP channel. Netty's channel methods are
 * thread-safe and keep submission order, so a source on another event loop writes without a hand-off queue;
 * the channel's write-buffer water marks bound what may be pending, and {@link #isWritable()} says when to
 * pause.
 */
final class ChannelResponseBody extends CountedResponseBody implements InFlightResponse {

    private final Channel channel;
    private final StreamListener listener;
    private final Runnable onResponseSent;
    /** The write that carried the last byte, once there was one. */
    private volatile ChannelFuture lastWrite;

    /** @param onResponseSent runs on the channel's event loop once the last byte has been written */
    ChannelResponseBody(Channel channel, long size, StreamListener listener, Runnable onResponseSent) {
        super(size);
        this.channel = channel;
        this.listener = listener;
        this.onResponseSent = onResponseSent;
    }

    @Override
    void deliver(ByteBuf data, long total, boolean flush) {
        // A write that loses a race with close is released by Netty when it fails. The last bytes end the
        // response themselves: a client may close as soon as it has Content-Length bytes, before complete().
        // The bytes before go as plain buffers (the HTTP encoder passes them through once the head with its
        // Content-Length is out): no content object per chunk.
        if (total == size) {
            lastWrite = channel.writeAndFlush(new DefaultLastHttpContent(data));
        } else if (flush) {
            channel.writeAndFlush(data);
        } else {
            channel.write(data);
        }
    }

    @Override
    public Optional<Channel> rawChannel() {
        // TLS encrypts in the pipeline: bytes that went around it would reach the client as garbage
        return isOpen() && channel.pipeline().get(SslHandler.class) == null ? Optional.of(channel) : Optional.empty();
    }

    @Override
    void deliveredRaw(long total) {
        // An empty write through the pipeline behind the raw bytes: the idle timer sees the connection busy, and
        // the last one ends the response for the HTTP encoder and completes once every byte is out.
        if (total == size) {
            lastWrite = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        }
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return state.get() == State.OPEN && channel.isWritable();
    }

    @Override
    void finish() {
        ChannelFuture last = lastWrite;
        ChannelFuture end = last != null ? last : channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        end.addListener(sent -> {
            if (sent.isSuccess()) {
                listener.streamCompleted();
                onResponseSent.run();
            } else {
                listener.streamFailed(sent.cause());
            }
        });
    }

    @Override
    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** The connection closed under us; tells the endpoint if the source still had bytes to send. */
    @Override
    public void connectionClosed() {
        ChannelFuture last = lastWrite;
        if (last != null && last.isSuccess()) {
            // Every byte went out before the client hung up; only the source's complete() was still to come.
            if (state.compareAndSet(State.OPEN, State.COMPLETED)) listener.streamCompleted();
            return;
        }
        if (state.compareAndSet(State.OPEN, State.DETACHED)) listener.clientClosed();
    }

    /** On the channel's event loop, from its pipeline. */
    @Override
    public void writabilityChanged(boolean writable) {
        notifyWritability(writable);
    }

    @Override
    void failed(Throwable cause) {
        // Pending writes go out first (same submission order), then the close: the client sees a short body.
        channel.close();
        listener.streamFailed(cause);
    }
}
