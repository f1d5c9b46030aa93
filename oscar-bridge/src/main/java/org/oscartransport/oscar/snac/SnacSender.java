package org.oscartransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/** Sends SNACs on one connection and numbers their requests. Call only on {@link #eventLoop()}. */
public interface SnacSender {

    ByteBufAllocator alloc();

    EventLoop eventLoop();

    /** The request ID the next {@link #send} will use. */
    long nextRequestId();

    /** Sends {@code body} (ownership passes) with a fresh request ID, which it returns. */
    long send(int family, int subtype, ByteBuf body);

    /** Like {@link #send} but reports the write's outcome. */
    ChannelFuture sendWithFuture(int family, int subtype, ByteBuf body);
}
