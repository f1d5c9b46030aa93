package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulator connection. Login and BOS share the port: a channel-1 frame with TLV 0x0006 (the cookie) makes
 * it a BOS connection (oscar.md §3.3), anything else is a login. Bad input closes this connection only.
 */
final class EmulatorConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EmulatorConnectionHandler.class);

    private final Accounts accounts;
    private final EmulatorRegistry registry;
    private final IcbmRelay relay;
    private final Presence presence;
    private final RateViolations rateViolations;
    private EmulatorLogin login;
    private EmulatorBosSession bos;

    EmulatorConnectionHandler(Accounts accounts, EmulatorRegistry registry, IcbmRelay relay, Presence presence) {
        this(accounts, registry, relay, presence, new RateViolations());
    }

    EmulatorConnectionHandler(Accounts accounts, EmulatorRegistry registry, IcbmRelay relay, Presence presence,
            RateViolations rateViolations) {
        this.accounts = accounts;
        this.registry = registry;
        this.relay = relay;
        this.presence = presence;
        this.rateViolations = rateViolations;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // the server hello; libpurple does not wait for it (§12.1), but older clients do
        ctx.writeAndFlush(new FlapFrame(FlapFrame.CHANNEL_SIGNON, ctx.alloc().buffer(4).writeInt(1)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Snac snac) {
                onSnac(ctx, snac);
            } else if (msg instanceof FlapFrame frame) {
                onFrame(ctx, frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, FlapFrame frame) {
        switch (frame.channel()) {
            case FlapFrame.CHANNEL_SIGNON -> onSignOnFrame(ctx, frame.content());
            case FlapFrame.CHANNEL_SIGNOFF -> ctx.close();
            default -> { } // keep-alives and errors need no answer
        }
    }

    private void onSignOnFrame(ChannelHandlerContext ctx, ByteBuf payload) {
        WireReads.u32(payload, "FLAP version");
        TlvChain tlvs = TlvChain.readChain(payload);
        byte[] cookie = tlvs.bytes(0x0006);
        if (cookie == null || bos != null) {
            return; // a login connection's hello
        }
        String uin = registry.redeemCookie(cookie);
        if (uin == null) {
            log.info("Closing BOS connection from {}: unknown or expired cookie", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        bos = new EmulatorBosSession(uin, ctx.channel(), relay, presence, rateViolations);
        // registered before sign-on completes, so messages sent right after a peer's login find it
        EmulatorBosSession replaced = registry.signOn(bos);
        if (replaced != null) {
            replaced.kick();
        }
        bos.start();
    }

    private void onSnac(ChannelHandlerContext ctx, Snac snac) {
        if (bos != null) {
            bos.onSnac(snac);
            return;
        }
        if (login == null) {
            login = new EmulatorLogin(ctx.channel(), accounts, registry);
        }
        login.onSnac(snac);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (bos != null) {
            registry.signOff(bos);
            presence.departed(bos);
            log.info("{} signed off", bos.uin());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Closing emulator connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
