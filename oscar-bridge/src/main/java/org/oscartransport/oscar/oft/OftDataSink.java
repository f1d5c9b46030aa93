package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Receives the bytes of the files of one OFT session as they arrive on its data connection. Called on that
 * connection's event loop, in order: {@code onStart}, then for each file {@code onFileStart}, any number of
 * {@code onData} and {@code onFileEnd}, then exactly one of {@code onComplete} or {@code onFailure} (onFailure
 * may come at any point, also without onStart if the connection never opened). A single-file sink may ignore the
 * per-file calls: the bytes of every file arrive through {@code onData} in order.
 */
public interface OftDataSink {

    /**
     * The peer's PROMPT was answered and file bytes follow. Back-pressure: turn the channel's autoRead off
     * while the consumer cannot keep up, and on again when it can.
     */
    void onStart(Channel dataChannel, long size);

    /**
     * The peer's PROMPT for the next file, before it is answered: {@code name} as sent (a multi-file session
     * separates folders with 0x01, oscar.md §8.7; not sanitised), {@code size} its length in bytes. Throw to
     * refuse it: the transfer then fails and the connection closes.
     */
    default void onFileStart(String name, long size) {}

    /** Every byte of the current file was passed on. */
    default void onFileEnd() {}

    /** File bytes. The sink owns {@code data} and must release it (or pass it on to whoever will). */
    void onData(ByteBuf data);

    /**
     * The socket read batch that the last {@code onData} calls came from is over: a sink that passes bytes on to
     * another channel can write them without flushing and flush once here, one system call per batch.
     */
    default void onReadBatchComplete() {}

    /**
     * Where the file's bytes may go without passing through {@link #onData}: a channel that takes them raw, as
     * they come from the peer, or null (the default: every byte comes through {@code onData}). Asked while the
     * file's bytes flow, for a single-file session only. The bytes are spliced (kernel to kernel) only where both
     * connections are native epoll channels of one event loop; otherwise they still come through {@code onData}.
     * A sink that names a channel must take both ways, in order: spliced bytes are queued on the channel behind
     * everything the sink wrote before.
     */
    default Channel spliceTarget() {
        return null;
    }

    /** {@code bytes} more of the file were spliced into {@link #spliceTarget()} and written to its socket. */
    default void onSpliced(int bytes) {}

    /**
     * Whether the receiver computes each file's checksum for its DONE and checks it against the PROMPT's (a
     * mismatch is only logged: peers ignore the checksum, oscar.md §8.5). A sink that throws the bytes away can
     * save the CPU it costs (about a third of a second per GiB); the DONE then carries the sender's own.
     */
    default boolean wantsChecksum() {
        return true;
    }

    /** Every byte of every file was received (the last DONE is being sent to the peer). */
    void onComplete();

    void onFailure(Throwable cause);
}
