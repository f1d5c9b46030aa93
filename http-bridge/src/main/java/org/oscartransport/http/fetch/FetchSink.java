package org.oscartransport.http.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Receives a body from {@link UrlFetcher#stream}. Every call comes on the fetch channel's event loop (a failure
 * before there is a channel, on one of the group's event loops). After
 * {@link #onStart}, zero or more {@link #onData}, then exactly one of {@link #onComplete} or {@link #onFailure};
 * {@code onFailure} may also come without {@code onStart} (the fetch never got a body).
 */
public interface FetchSink {

    /**
     * The server answered 200 and the body follows.
     *
     * @param channel the HTTP connection. Back-pressure is the sink's: {@code channel.config().setAutoRead(false)}
     *                while it cannot take more, {@code true} again when it can (at most one read's worth of bytes
     *                still arrives after pausing). Closing it cancels the fetch; {@code onFailure} follows.
     * @param size    the body's length: the probed size when known, else the response's Content-Length, else -1
     */
    void onStart(Channel channel, long size);

    /** The next bytes of the body, never empty. The sink owns {@code data} and must release it. */
    void onData(ByteBuf data);

    /**
     * The socket read batch that the last {@code onData} calls came from is over: a sink that passes bytes on to
     * another channel can write them without flushing and flush once here.
     */
    default void onReadBatchComplete() {}

    /**
     * Where the body's bytes may go without passing through {@link #onData}: a channel that takes them raw, or
     * null (the default). Asked between socket reads once the body flows. They are spliced (kernel to kernel) only
     * for a plain-HTTP body of known length between native epoll channels of one event loop, and never the last
     * receive buffer's worth; the rest still comes through {@code onData}. A sink that names a channel must take
     * both ways, in order: spliced bytes are queued on it behind everything the sink wrote before.
     */
    default Channel spliceTarget() {
        return null;
    }

    /** {@code bytes} more of the body were spliced into {@link #spliceTarget()} and written to its socket. */
    default void onSpliced(int bytes) {}

    /** Every byte arrived, exactly as many as announced. */
    void onComplete();

    /** The fetch failed; usually a {@link FetchException}, whose {@code reason()} says how. */
    void onFailure(Throwable cause);
}
