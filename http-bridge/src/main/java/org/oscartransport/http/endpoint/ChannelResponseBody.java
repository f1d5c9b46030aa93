package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The body of one streamed GET, written straight into its HTTP channel. Netty's channel methods are
 * thread-safe and keep submission order, so a source on another event loop writes without a hand-off queue;
 * the channel's write-buffer water marks bound what may be pending, and {@link #isWritable()} says when to
 * pause.
 */
final class ChannelResponseBody implements ResponseBody, InFlightResponse {

    private enum State { OPEN, COMPLETED, ABORTED, DETACHED }

    private final Channel channel;
    private final long size;
    private final StreamListener listener;
    private final Runnable onResponseSent;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final List<Consumer<Boolean>> writabilityListeners = new CopyOnWriteArrayList<>();
    /** The write that carried the last byte, once there was one. */
    private volatile ChannelFuture lastWrite;

    /** @param onResponseSent runs on the channel's event loop once the last byte has been written */
    ChannelResponseBody(Channel channel, long size, StreamListener listener, Runnable onResponseSent) {
        this.channel = channel;
        this.size = size;
        this.listener = listener;
        this.onResponseSent = onResponseSent;
    }

    @Override
    public void write(ByteBuf data) {
        if (state.get() != State.OPEN) {
            data.release(); // too late: the response is over, and we own the buffer
            return;
        }
        long total = written.addAndGet(data.readableBytes());
        if (total > size) {
            data.release();
            fail(new IllegalStateException("source wrote more than the announced " + size + " bytes"));
            return;
        }
        // A write that loses a race with close is released by Netty when it fails. The last bytes end the
        // response themselves: a client may close as soon as it has Content-Length bytes, before complete().
        if (total == size) {
            lastWrite = channel.writeAndFlush(new DefaultLastHttpContent(data));
        } else {
            channel.writeAndFlush(new DefaultHttpContent(data));
        }
    }

    @Override
    public boolean isWritable() {
        return state.get() == State.OPEN && channel.isWritable();
    }

    @Override
    public void onWritabilityChanged(Consumer<Boolean> listener) {
        writabilityListeners.add(listener);
    }

    @Override
    public void complete() {
        if (!state.compareAndSet(State.OPEN, State.COMPLETED)) return;
        long count = written.get();
        if (count != size) {
            failFrom(State.COMPLETED, new IllegalStateException(
                    "source completed after " + count + " of " + size + " bytes"));
            return;
        }
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
    public void abort(Throwable cause) {
        fail(cause);
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

    /** The endpoint is closing: drop whatever the source still writes. */
    void detach() {
        state.compareAndSet(State.OPEN, State.DETACHED);
    }

    /** On the channel's event loop, from its pipeline. */
    @Override
    public void writabilityChanged(boolean writable) {
        if (state.get() != State.OPEN) return;
        for (Consumer<Boolean> l : writabilityListeners) {
            try {
                l.accept(writable);
            } catch (RuntimeException e) {
                fail(e); // a broken source: end its response rather than the HTTP pipeline's handlers
                return;
            }
        }
    }

    private void fail(Throwable cause) {
        failFrom(State.OPEN, cause);
    }

    private void failFrom(State expected, Throwable cause) {
        if (!state.compareAndSet(expected, State.ABORTED)) return;
        // Pending writes go out first (same submission order), then the close: the client sees a short body.
        channel.close();
        listener.streamFailed(cause);
    }
}
