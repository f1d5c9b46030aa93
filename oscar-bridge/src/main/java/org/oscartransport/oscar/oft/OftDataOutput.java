package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The sending side of an OFT data connection, as an {@link OftDataSource} sees it. Thread-safe: may be called
 * from any event loop. Back-pressure: produce only while {@link #isWritable()}; the listener says when to resume.
 */
public interface OftDataOutput {

    /** File bytes; takes ownership of {@code data}. */
    void write(ByteBuf data);

    boolean isWritable();

    /** Called on the OFT channel's event loop whenever its writability changes. */
    void onWritabilityChanged(Consumer<Boolean> listener);

    /** Every announced byte was written. */
    void complete();

    /** The source failed: the transfer is cancelled towards the peer. */
    void fail(Throwable cause);
}
