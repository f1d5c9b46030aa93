package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.proxy.ArsFrame;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the emulated proxy, until it is piped: waits for INIT_SEND (create: answer ACK with a pin,
 * wait for the joiner) or INIT_RECV (join: match pin and cookie, READY to both, then pipe).
 */
final class ArsServerHandler extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ArsServerHandler.class);

    private enum State { NEW, CREATED, PIPED, CLOSED }

    private final ArsSessions sessions;
    private final RendezvousProxyEmulator.Timeouts timeouts;
    private ChannelHandlerContext ctx;
    private State state = State.NEW;
    private ScheduledFuture<?> timer;
    private int pin;
    private byte[] cookie;

    ArsServerHandler(ArsSessions sessions, RendezvousProxyEmulator.Timeouts timeouts) {
        this.sessions = sessions;
        this.timeouts = timeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        timer = ctx.executor().schedule(() -> {
            if (state == State.NEW) {
                refuse(ArsFrame.ERROR_INITIAL_TIMEOUT, "sent nothing");
            }
        }, timeouts.silent().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state != State.NEW) {
            in.skipBytes(in.readableBytes()); // a creator must wait for READY before it speaks
            return;
        }
        ArsFrame frame;
        ArsFrame.Init init;
        try {
            frame = ArsFrame.read(in);
            if (frame == null) {
                return;
            }
            init = frame.command() == ArsFrame.INIT_SEND || frame.command() == ArsFrame.INIT_RECV
                    ? frame.init() : null;
        } catch (MalformedDataException e) {
            in.skipBytes(in.readableBytes());
            refuse(ArsFrame.ERROR_MALFORMED, e.getMessage());
            return;
        }
        timer.cancel(false);
        if (init == null) {
            refuse(ArsFrame.ERROR_BAD_REQUEST, "expected INIT_SEND or INIT_RECV, got " + frame.describe());
        } else if (frame.command() == ArsFrame.INIT_SEND) {
            create(init);
        } else {
            join(init);
        }
    }

    private void create(ArsFrame.Init init) {
        byte[] ip = localIpv4();
        if (ip == null) {
            refuse(ArsFrame.ERROR_BAD_REQUEST, "proxy reached over IPv6; pins need an IPv4 address");
            return;
        }
        state = State.CREATED;
        cookie = init.cookie();
        pin = sessions.register(this);
        log.debug("ARS: {} created a session", init.name());
        ctx.writeAndFlush(ArsFrame.ack(pin, ip).encode(ctx.alloc()));
        timer = ctx.executor().schedule(() -> {
            if (state == State.CREATED && sessions.withdraw(pin, this)) {
                refuse(ArsFrame.ERROR_ACCEPT_TIMEOUT, "nobody joined");
            }
        }, timeouts.unjoined().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void join(ArsFrame.Init init) {
        ArsServerHandler creator = sessions.waiting(init.pin());
        if (creator == null) {
            refuse(ArsFrame.ERROR_BAD_REQUEST, "no session with that pin");
            return;
        }
        if (!Arrays.equals(creator.cookie, init.cookie())) {
            // the session stays open: the real peer may still come
            refuse(ArsFrame.ERROR_BAD_REQUEST, "cookie does not match the session's");
            return;
        }
        if (!sessions.withdraw(init.pin(), creator)) {
            refuse(ArsFrame.ERROR_BAD_REQUEST, "the session was just taken or timed out");
            return;
        }
        log.debug("ARS: {} joined a session", init.name());
        sessions.countJoin();
        startPipe(creator);
        creator.ctx.executor().execute(() -> creator.startPipe(this));
    }

    private void startPipe(ArsServerHandler peer) {
        if (state == State.CLOSED || !ctx.channel().isActive()) {
            peer.ctx.channel().close();
            return;
        }
        state = State.PIPED;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.writeAndFlush(ArsFrame.ready().encode(ctx.alloc()));
        ctx.pipeline().replace(this, "pipe", new ArsPipeHandler(peer.ctx.channel()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state == State.CREATED) {
            sessions.withdraw(pin, this);
        }
        if (state != State.PIPED) {
            state = State.CLOSED;
        }
        timer.cancel(false);
        super.channelInactive(ctx);
    }

    private void refuse(int code, String why) {
        log.debug("ARS: refusing {}: {}", ctx.channel().remoteAddress(), why);
        state = State.CLOSED;
        ctx.writeAndFlush(ArsFrame.error(code).encode(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
    }

    private byte[] localIpv4() {
        if (ctx.channel().localAddress() instanceof InetSocketAddress local
                && local.getAddress() instanceof Inet4Address v4) {
            return v4.getAddress();
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("ARS connection error", cause);
        ctx.close();
    }
}
