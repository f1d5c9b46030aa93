package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Receives the bytes of one file as they arrive on an OFT data connection. Called on that connection's event
 * loop, in order: {@code onStart}, any number of {@code onData}, then exactly one of {@code onComplete} or
 * {@code onFailure} (onFailure may also come without onStart, if the connection never opened).
 */
public interface OftDataSink {

    /**
     * The peer's PROMPT was answered and file bytes follow. Back-pressure: turn the channel's autoRead off
     * while the consumer cannot keep up, and on again when it can.
     */
    void onStart(Channel dataChannel, long size);

    /** File bytes. The sink owns {@code data} and must release it (or pass it on to whoever will). */
    void onData(ByteBuf data);

    /**
     * The socket read batch that the last {@code onData} calls came from is over: a sink that passes bytes on to
     * another channel can write them without flushing and flush once here, one system call per batch.
     */
    default void onReadBatchComplete() {}

    /** Every byte was received (DONE is being sent to the peer). */
    void onComplete();

    void onFailure(Throwable cause);
}
