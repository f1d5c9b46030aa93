package org.oscartransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.tlv.WireReads;

/** Turns channel-2 FLAP frames into {@link Snac}s; frames of other channels pass through untouched. */
public final class SnacDecoder extends MessageToMessageDecoder<FlapFrame> {

    public SnacDecoder() {
        super(FlapFrame.class);
    }

    @Override
    public boolean acceptInboundMessage(Object msg) throws Exception {
        return super.acceptInboundMessage(msg) && ((FlapFrame) msg).channel() == FlapFrame.CHANNEL_DATA;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, FlapFrame frame, List<Object> out) {
        ByteBuf in = frame.content();
        WireReads.require(in, Snac.HEADER_LENGTH, "SNAC header");
        int family = in.readUnsignedShort();
        int subtype = in.readUnsignedShort();
        int flags = in.readUnsignedShort();
        long requestId = in.readUnsignedInt();
        if ((flags & Snac.FLAG_HAS_PREFIX) != 0) {
            // a length-prefixed TLV block (family version) that no handler needs
            int prefixLength = WireReads.u16(in, "SNAC prefix length");
            WireReads.skip(in, prefixLength, "SNAC prefix");
        }
        out.add(new Snac(family, subtype, flags, requestId, in.readRetainedSlice(in.readableBytes())));
    }
}
