package org.oscartransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.oscartransport.oscar.flap.FlapFrame;

/** Wraps each outgoing {@link Snac} into a channel-2 FLAP frame. */
public final class SnacEncoder extends MessageToMessageEncoder<Snac> {

    public SnacEncoder() {
        super(Snac.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Snac snac, List<Object> out) {
        ByteBuf body = snac.content();
        ByteBuf payload = ctx.alloc().buffer(Snac.HEADER_LENGTH + body.readableBytes());
        payload.writeShort(snac.family());
        payload.writeShort(snac.subtype());
        payload.writeShort(snac.flags() & ~Snac.FLAG_HAS_PREFIX);
        payload.writeInt((int) snac.requestId());
        payload.writeBytes(body, body.readerIndex(), body.readableBytes());
        out.add(new FlapFrame(FlapFrame.CHANNEL_DATA, payload));
    }
}
