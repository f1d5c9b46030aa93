package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * The sending side of an OFT data connection, as an {@link OftDataSource} sees it. Thread-safe: may be called
 * from any event loop. Back-pressure: produce only while {@link #isWritable()}; the listener says when to resume.
 */
public interface OftDataOutput {

    /** File bytes, flushed; takes ownership of {@code data}. */
    void write(ByteBuf data);

    /**
     * File bytes, not flushed yet; takes ownership of {@code data}. For a source that gets its bytes in batches:
     * append each, then {@link #flush()} once.
     */
    void append(ByteBuf data);

    /** Flushes what {@link #append} left pending. */
    void flush();

    /**
     * The data connection's event loop. A source that produces on this loop writes without a hand-off between
     * threads for every chunk.
     */
    EventLoop eventLoop();

    boolean isWritable();

    /** Called on the OFT channel's event loop whenever its writability changes. */
    void onWritabilityChanged(Consumer<Boolean> listener);

    /**
     * The data connection itself, for a source that can put file bytes on it directly (splice(2) from another
     * socket), or null when it cannot take raw bytes. Bytes put there go behind everything written before, and
     * must be reported with {@link #rawWritten} once they are out.
     */
    default Channel rawChannel() {
        return null;
    }

    /** {@code bytes} of the file were written to {@link #rawChannel()} directly; they count towards the size. */
    default void rawWritten(long bytes) {
        throw new UnsupportedOperationException("this output takes no raw bytes");
    }

    /** Every announced byte was written. */
    void complete();

    /** The source failed: the transfer is cancelled towards the peer. */
    void fail(Throwable cause);
}
