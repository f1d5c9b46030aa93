package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
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

    /** All bytes were written: flush and finish the response. */
    void complete();

    /** Cut the response short: the client sees fewer bytes than Content-Length. */
    void abort(Throwable cause);
}
