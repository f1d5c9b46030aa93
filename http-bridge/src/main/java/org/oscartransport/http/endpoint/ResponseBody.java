package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The body of the HTTP response that streams a download. Thread-safe: may be called from any event loop.
 * Back-pressure: stop producing while {@link #isWritable()} is false and resume when the listener says so.
 */
public interface ResponseBody {

    /** Writes file bytes and flushes them; takes ownership of {@code data}. */
    void write(ByteBuf data);

    /**
     * Writes file bytes without flushing (the last byte of the body is flushed anyway); takes ownership of
     * {@code data}. For a source that gets its bytes in batches: append each, then {@link #flush()} once.
     */
    void append(ByteBuf data);

    /** Flushes what {@link #append} left pending. */
    void flush();

    boolean isWritable();

    /** Called (on the HTTP channel's event loop) whenever writability changes. */
    void onWritabilityChanged(Consumer<Boolean> listener);

    /**
     * The HTTP connection itself, for a source that can put file bytes on it without this body (splice(2) from
     * another socket): present only for a body streamed straight to its client over plain HTTP, where the bytes
     * after the head go out as they are. Bytes put there go behind everything written before, and must be
     * reported with {@link #rawWritten} once they are out.
     */
    default Optional<Channel> rawChannel() {
        return Optional.empty();
    }

    /** {@code bytes} of the body were written to {@link #rawChannel()} directly; they count towards the size. */
    default void rawWritten(long bytes) {
        throw new UnsupportedOperationException("this body takes no raw bytes");
    }

    /** All bytes were written: flush and finish the response. */
    void complete();

    /** Cut the response short: the client sees fewer bytes than Content-Length. */
    void abort(Throwable cause);
}
