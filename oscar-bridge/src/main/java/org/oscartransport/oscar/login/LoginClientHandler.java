package org.oscartransport.oscar.login;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.login.OscarLoginException.Reason;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client side of the BUCP/MD5 login (oscar.md §3.1): hello, challenge request, hashed login request, reply.
 * Completes {@code result} with the BOS ticket or an {@link OscarLoginException}, then closes the connection.
 */
public final class LoginClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LoginClientHandler.class);

    private final String uin;
    private final byte[] passwordBytes;
    private final int defaultBosPort;
    private final Promise<BosTicket> result;
    private long nextRequestId = 1;

    public LoginClientHandler(String uin, String password, int defaultBosPort, Promise<BosTicket> result) {
        this.uin = uin;
        this.passwordBytes = LoginHash.icqPasswordBytes(password);
        this.defaultBosPort = defaultBosPort;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // libpurple sends its hello without waiting for the server's; servers accept that
        ByteBuf hello = ctx.alloc().buffer(4).writeInt(Bucp.FLAP_VERSION);
        ctx.write(new FlapFrame(FlapFrame.CHANNEL_SIGNON, hello));
        ByteBuf body = ctx.alloc().buffer();
        TlvChain.of(Tlv.ascii(Bucp.TLV_SCREEN_NAME, uin), Tlv.empty(0x004B), Tlv.empty(0x005A)).writeChain(body);
        ctx.writeAndFlush(Snac.of(Bucp.FAMILY, Bucp.CHALLENGE_REQUEST, nextRequestId++, body));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Snac snac) {
                onSnac(ctx, snac);
            } else if (msg instanceof FlapFrame frame && frame.channel() == FlapFrame.CHANNEL_SIGNOFF) {
                // an old-style reply on channel 4 carries the same TLVs as 0017/0003
                onLoginReply(ctx, TlvChain.readChain(frame.content()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onSnac(ChannelHandlerContext ctx, Snac snac) {
        if (snac.family() != Bucp.FAMILY) {
            return;
        }
        switch (snac.subtype()) {
            case Bucp.CHALLENGE -> onChallenge(ctx, snac.content());
            case Bucp.LOGIN_REPLY -> onLoginReply(ctx, TlvChain.readChain(snac.content()));
            default -> log.debug("Ignoring login SNAC {}", snac);
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, ByteBuf body) {
        int keyLength = WireReads.u16(body, "challenge key length");
        byte[] key = WireReads.bytes(body, keyLength, "challenge key");
        ByteBuf request = ctx.alloc().buffer();
        TlvChain.of(
                Tlv.ascii(Bucp.TLV_SCREEN_NAME, uin),
                new Tlv(Bucp.TLV_PASSWORD_HASH, LoginHash.strong(key, passwordBytes)),
                Tlv.empty(Bucp.TLV_STRONG_HASH),
                Tlv.ascii(Bucp.TLV_CLIENT_ID_STRING, ClientIdentity.ID_STRING),
                Tlv.u16(0x0016, ClientIdentity.CLIENT_ID),
                Tlv.u16(0x0017, ClientIdentity.MAJOR),
                Tlv.u16(0x0018, ClientIdentity.MINOR),
                Tlv.u16(0x0019, ClientIdentity.POINT),
                Tlv.u16(0x001A, ClientIdentity.BUILD),
                Tlv.u32(0x0014, ClientIdentity.DISTRIBUTION),
                Tlv.ascii(0x000F, "en"),
                Tlv.ascii(0x000E, "us"),
                new Tlv(0x004A, new byte[] {0x01}))
                .writeChain(request);
        ctx.writeAndFlush(Snac.of(Bucp.FAMILY, Bucp.LOGIN_REQUEST, nextRequestId++, request));
    }

    private void onLoginReply(ChannelHandlerContext ctx, TlvChain tlvs) {
        int error = tlvs.u16(Bucp.TLV_ERROR_CODE, -1);
        String address = tlvs.ascii(Bucp.TLV_BOS_ADDRESS);
        byte[] cookie = tlvs.bytes(Bucp.TLV_COOKIE);
        if (error >= 0) {
            Reason reason = OscarLoginException.reasonForCode(error);
            fail(ctx, new OscarLoginException(reason,
                    "Login of " + uin + " refused: " + reason + String.format(" (code 0x%04X)", error)));
        } else if (address == null || address.isEmpty() || cookie == null || cookie.length == 0) {
            fail(ctx, new OscarLoginException(Reason.OTHER, "Login reply without BOS address or cookie"));
        } else {
            String screenName = tlvs.has(Bucp.TLV_SCREEN_NAME) ? tlvs.ascii(Bucp.TLV_SCREEN_NAME) : uin;
            try {
                BosTicket ticket = parseAddress(screenName, address, cookie);
                log.debug("Login of {} succeeded, BOS {}:{}", uin, ticket.host(), ticket.port());
                result.trySuccess(ticket);
                ctx.close();
            } catch (IllegalArgumentException e) {
                fail(ctx, new OscarLoginException(Reason.OTHER, "Unusable BOS address in login reply", e));
            }
        }
    }

    private BosTicket parseAddress(String screenName, String address, byte[] cookie) {
        int colon = address.lastIndexOf(':');
        if (colon < 0 || address.startsWith("[") && address.endsWith("]")) {
            return new BosTicket(screenName, stripBrackets(address), defaultBosPort, cookie);
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range");
        }
        return new BosTicket(screenName, stripBrackets(address.substring(0, colon)), port, cookie);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private void fail(ChannelHandlerContext ctx, OscarLoginException e) {
        result.tryFailure(e);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.tryFailure(new OscarLoginException(Reason.OTHER, "Login server closed the connection"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Login connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        fail(ctx, new OscarLoginException(Reason.OTHER, "Login protocol error: " + cause.getMessage(), cause));
    }

}
