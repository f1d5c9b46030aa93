package org.oscartransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes FLAP frames. The sequence number is assigned here, on the channel's event loop in write order, because
 * servers drop a connection whose numbers arrive out of order. Numbers stay within 0..0x7FFF (some ICQ servers
 * require a positive signed 16-bit value) and wrap from 0x7FFF to 0.
 */
public final class FlapFrameEncoder extends MessageToByteEncoder<FlapFrame> {

    static final int MAX_SEQUENCE = 0x7FFF;

    private int nextSequence;

    public FlapFrameEncoder() {
        this(ThreadLocalRandom.current().nextInt(MAX_SEQUENCE + 1));
    }

    public FlapFrameEncoder(int firstSequence) {
        super(FlapFrame.class);
        this.nextSequence = firstSequence & MAX_SEQUENCE;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FlapFrame frame, ByteBuf out) {
        ByteBuf payload = frame.content();
        int length = payload.readableBytes();
        if (length > FlapFrame.MAX_PAYLOAD) {
            throw new EncoderException("FLAP payload too long: " + length);
        }
        out.writeByte(FlapFrame.MARKER);
        out.writeByte(frame.channel());
        out.writeShort(nextSequence);
        out.writeShort(length);
        out.writeBytes(payload, payload.readerIndex(), length);
        nextSequence = nextSequence == MAX_SEQUENCE ? 0 : nextSequence + 1;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, FlapFrame frame, boolean preferDirect) {
        int size = FlapFrame.HEADER_LENGTH + frame.content().readableBytes();
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
