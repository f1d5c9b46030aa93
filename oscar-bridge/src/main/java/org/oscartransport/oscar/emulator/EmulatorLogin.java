package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.oscartransport.oscar.login.Bucp;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server side of the BUCP/MD5 login on one connection (oscar.md §3.5, §12.1). */
final class EmulatorLogin {

    private static final Logger log = LoggerFactory.getLogger(EmulatorLogin.class);

    static final int ERROR_WRONG_PASSWORD = 0x0005;
    static final int ERROR_UNKNOWN_UIN = 0x0008;

    private final Channel channel;
    private final Accounts accounts;
    private final EmulatorRegistry registry;
    private final byte[] key = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L))
            .getBytes(StandardCharsets.US_ASCII);

    EmulatorLogin(Channel channel, Accounts accounts, EmulatorRegistry registry) {
        this.channel = channel;
        this.accounts = accounts;
        this.registry = registry;
    }

    void onSnac(Snac snac) {
        if (snac.family() != Bucp.FAMILY) {
            log.debug("Login connection {}: ignoring {}", channel.remoteAddress(), snac);
            return;
        }
        TlvChain tlvs = TlvChain.readChain(snac.content());
        String uin = tlvs.ascii(Bucp.TLV_SCREEN_NAME);
        if (snac.subtype() == Bucp.CHALLENGE_REQUEST) {
            if (uin == null || !accounts.exists(uin)) {
                refuse(snac, uin, ERROR_UNKNOWN_UIN);
                return;
            }
            ByteBuf body = channel.alloc().buffer(2 + key.length).writeShort(key.length).writeBytes(key);
            EmulatorSnacs.reply(channel, snac, Bucp.FAMILY, Bucp.CHALLENGE, body);
        } else if (snac.subtype() == Bucp.LOGIN_REQUEST) {
            if (uin == null || !accounts.exists(uin)) {
                refuse(snac, uin, ERROR_UNKNOWN_UIN);
            } else if (!accounts.passwordMatches(uin, key, tlvs.bytes(Bucp.TLV_PASSWORD_HASH))) {
                refuse(snac, uin, ERROR_WRONG_PASSWORD);
            } else {
                admit(snac, uin);
            }
        }
    }

    private void admit(Snac request, String uin) {
        // BOS is this very port, at the address the client reached us on (right even when listening on 0.0.0.0)
        String bos = channel.localAddress() instanceof InetSocketAddress local
                ? local.getAddress().getHostAddress() + ":" + local.getPort()
                : "127.0.0.1:5190"; // not an IP socket: only in tests that never connect to BOS
        ByteBuf body = channel.alloc().buffer();
        TlvChain.of(
                Tlv.ascii(Bucp.TLV_SCREEN_NAME, uin),
                Tlv.ascii(Bucp.TLV_BOS_ADDRESS, bos),
                new Tlv(Bucp.TLV_COOKIE, registry.issueCookie(uin)))
                .writeChain(body);
        log.info("Login of {} from {} accepted", uin, channel.remoteAddress());
        EmulatorSnacs.reply(channel, request, Bucp.FAMILY, Bucp.LOGIN_REPLY, body);
    }

    private void refuse(Snac request, String uin, int code) {
        log.info("Login of {} from {} refused with code 0x{}", uin, channel.remoteAddress(),
                Integer.toHexString(code));
        ByteBuf body = channel.alloc().buffer();
        TlvChain.of(Tlv.ascii(Bucp.TLV_SCREEN_NAME, uin == null ? "" : uin), Tlv.u16(Bucp.TLV_ERROR_CODE, code))
                .writeChain(body);
        EmulatorSnacs.reply(channel, request, Bucp.FAMILY, Bucp.LOGIN_REPLY, body);
    }
}
