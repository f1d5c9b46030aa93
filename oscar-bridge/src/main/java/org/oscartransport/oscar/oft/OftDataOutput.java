package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
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

    /** Every announced byte was written. */
    void complete();

    /** The source failed: the transfer is cancelled towards the peer. */
    void fail(Throwable cause);
}
