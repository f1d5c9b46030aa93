package org.oscartransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the stream into FLAP frames. A FLAP payload is at most 64 KiB, so waiting for a whole frame is
 * bounded. A wrong marker byte means the stream is lost: the connection is closed with a log line and every
 * later byte is discarded.
 */
public final class FlapFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(FlapFrameDecoder.class);

    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 1) {
            return;
        }
        int marker = in.getUnsignedByte(in.readerIndex());
        if (marker != FlapFrame.MARKER) {
            broken = true;
            in.skipBytes(in.readableBytes());
            log.warn("Closing {}: bad FLAP marker 0x{}", ctx.channel().remoteAddress(), Integer.toHexString(marker));
            ctx.close();
            return;
        }
        if (in.readableBytes() < FlapFrame.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedShort(start + 4);
        if (in.readableBytes() < FlapFrame.HEADER_LENGTH + length) {
            return;
        }
        int channel = in.getUnsignedByte(start + 1);
        int sequence = in.getUnsignedShort(start + 2);
        in.skipBytes(FlapFrame.HEADER_LENGTH);
        out.add(new FlapFrame(channel, sequence, in.readRetainedSlice(length)));
    }
}
