package org.oscartransport.oscar.emulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One direction of the proxy's byte pipe: what this channel reads is written, untouched, to the other. Reading
 * stops while the other side cannot take more (autoRead follows its writability).
 */
final class ArsPipeHandler extends ChannelInboundHandlerAdapter {

    private final Channel other;

    ArsPipeHandler(Channel other) {
        this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        other.writeAndFlush(msg);
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
            if (other.isWritable()) {
                ctx.channel().config().setAutoRead(true); // it drained in between, on its own loop
            }
        }
    }

    /** Our side drained: the other side may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeAfterFlush(other);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
