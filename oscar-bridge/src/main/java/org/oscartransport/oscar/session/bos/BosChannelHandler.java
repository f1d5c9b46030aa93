package org.oscartransport.oscar.session.bos;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.snac.Snac;

/** Feeds a BOS connection's events into its {@link BosSession}; releases every message it receives. */
final class BosChannelHandler extends ChannelInboundHandlerAdapter {

    private final BosSession session;

    BosChannelHandler(BosSession session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.onActive(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Snac snac) {
                session.onSnac(snac);
            } else if (msg instanceof FlapFrame frame && frame.channel() == FlapFrame.CHANNEL_SIGNOFF) {
                session.onSignOff(frame.content());
            }
            // channel 1 (server hello), 3 (error) and 5 (keep-alive) need no answer
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            session.onKeepAliveDue();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onInactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.onProtocolError(cause);
    }
}
