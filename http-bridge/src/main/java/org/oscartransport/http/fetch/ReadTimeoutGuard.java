package org.oscartransport.http.fetch;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails the connection when the server sends nothing for the read timeout while we want bytes. Unlike Netty's
 * {@code ReadTimeoutHandler}, time spent with autoRead off does not count: a sink holding back (the ICQ side is
 * slow) is not a silent server.
 */
final class ReadTimeoutGuard extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private long lastProgress;
    private ScheduledFuture<?> tick;

    ReadTimeoutGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) start(ctx);
    }

    /** The clock starts once connected: connecting has a timeout of its own. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (tick != null) return;
        lastProgress = System.nanoTime();
        long period = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
        tick = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastProgress = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    /** Fired from the pipeline's head when bytes arrived that went past it (spliced): progress all the same. */
    static final Object BYTES_SPLICED = new Object() {
        @Override
        public String toString() {
            return "BYTES_SPLICED";
        }
    };

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == BYTES_SPLICED) {
            lastProgress = System.nanoTime();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void check(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            lastProgress = now; // paused by the sink: the clock restarts when it resumes
        } else if (now - lastProgress >= timeoutNanos) {
            stop();
            ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
            ctx.close();
        }
    }

    private void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }
}
