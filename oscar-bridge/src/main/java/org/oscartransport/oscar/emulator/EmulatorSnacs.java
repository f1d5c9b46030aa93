package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;
import org.oscartransport.oscar.snac.Snac;

/** Writing SNACs from the server side. */
final class EmulatorSnacs {

    /** Server-initiated SNACs carry the high bit in their request ID, as some old clients expect. */
    private static final AtomicLong SERVER_REQUEST_IDS = new AtomicLong();

    private EmulatorSnacs() {}

    static void reply(Channel ch, Snac request, int family, int subtype, ByteBuf body) {
        ch.writeAndFlush(Snac.of(family, subtype, request.requestId(), body));
    }

    static void push(Channel ch, int family, int subtype, ByteBuf body) {
        long id = 0x80000000L | (SERVER_REQUEST_IDS.incrementAndGet() & 0x7FFFFFFFL);
        ch.writeAndFlush(Snac.of(family, subtype, id, body));
    }

    static void error(Channel ch, Snac request, int code) {
        reply(ch, request, request.family(), 0x0001, ch.alloc().buffer(2).writeShort(code));
    }
}
