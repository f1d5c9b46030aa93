package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.oscartransport.oscar.feedbag.AuthorizationSnacs;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.icbm.DeclaredCharsets;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.presence.StatusText;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacError;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of one BOS connection: answers the sign-on SNACs that libpurple waits for (oscar.md §4.4, §12.2)
 * and hands ICBMs to the {@link IcbmRelay}.
 */
final class EmulatorBosSession {

    private static final Logger log = LoggerFactory.getLogger(EmulatorBosSession.class);

    static final int[] FAMILIES = {0x0001, 0x0002, 0x0003, 0x0004, 0x0009, 0x0013, 0x0015};

    private final String uin;
    private final Channel channel;
    private final IcbmRelay relay;
    private final Presence presence;
    private final RateViolations rateViolations;
    /** Null until the client has our rate classes; only then are its SNACs counted. */
    private ClientRates rates;
    private volatile boolean visible;
    private final long signOnTime = System.currentTimeMillis() / 1000;
    private volatile byte[] capabilities = new byte[0];
    private volatile long icqStatus;
    private volatile String awayText;

    EmulatorBosSession(String uin, Channel channel, IcbmRelay relay, Presence presence,
            RateViolations rateViolations) {
        this.uin = uin;
        this.channel = channel;
        this.relay = relay;
        this.presence = presence;
        this.rateViolations = rateViolations;
    }

    /** Signed on (client ready) and so shown to others; set once. */
    boolean isVisible() {
        return visible;
    }

    void markVisible() {
        visible = true;
    }

    String uin() {
        return uin;
    }

    Channel channel() {
        return channel;
    }

    /** The IPv4 address this client connects from, as a u32 TLV value, or null (IPv6 clients). */
    byte[] ipv4() {
        if (channel.remoteAddress() instanceof InetSocketAddress remote
                && remote.getAddress() instanceof Inet4Address v4) {
            return v4.getAddress();
        }
        return null;
    }

    void start() {
        ByteBuf families = channel.alloc().buffer();
        for (int family : FAMILIES) {
            families.writeShort(family);
        }
        EmulatorSnacs.push(channel, 0x0001, 0x0003, families);
    }

    /** Kicks this session because the same UIN signed on elsewhere. */
    void kick() {
        ByteBuf body = channel.alloc().buffer();
        TlvChain.of(Tlv.u16(0x0009, 0x0001)).writeChain(body);
        channel.writeAndFlush(new FlapFrame(FlapFrame.CHANNEL_SIGNOFF, body)).addListener(f -> channel.close());
    }

    UserInfo userInfo() {
        TlvChain.Builder tlvs = TlvChain.builder()
                .add(Tlv.u16(UserInfo.TLV_USER_CLASS, 0x0050))
                .add(Tlv.u32(UserInfo.TLV_ICQ_STATUS, icqStatus))
                .add(Tlv.u32(UserInfo.TLV_SIGNON_TIME, signOnTime));
        byte[] ip = ipv4();
        if (ip != null) {
            tlvs.add(new Tlv(UserInfo.TLV_ICQ_IP, ip));
        }
        byte[] caps = capabilities;
        if (caps.length > 0) {
            tlvs.add(new Tlv(UserInfo.TLV_CAPABILITIES, caps));
        }
        String text = awayText;
        if (text != null) {
            // real servers hand away texts out on request (family 2); carrying it in the arrival is our shortcut
            tlvs.add(new Tlv(StatusText.TLV_BART, StatusText.write(text)));
        }
        return new UserInfo(uin, 0, tlvs.build());
    }

    void onSnac(Snac snac) {
        if (rates != null && !withinRates(snac)) {
            return;
        }
        ByteBuf body = snac.content();
        int f = snac.family();
        int s = snac.subtype();
        if (f == 0x0001) {
            onOService(snac, s, body);
        } else if (f == 0x0013) {
            onFeedbag(snac, s, body);
        } else if (f == 0x0002 && s == 0x0002) {
            reply(snac, 0x0002, 0x0003, TlvChain.of(Tlv.u16(0x0001, 0x1000), Tlv.u16(0x0002, 0x0080),
                    Tlv.u16(0x0003, 0x000A), Tlv.u16(0x0004, 0x1000)));
        } else if (f == 0x0002 && s == 0x0004) {
            TlvChain info = TlvChain.readChain(body);
            byte[] caps = info.bytes(0x0005);
            if (caps != null) {
                capabilities = caps;
            }
            byte[] away = info.bytes(0x0004);
            if (away != null) {
                // libpurple sends UCS-2 and names it in TLV 0x0003 (text/aolrtf; charset="unicode-2-0")
                awayText = away.length == 0 ? null : DeclaredCharsets.decode(away, info.ascii(0x0003));
            }
        } else if (f == 0x0003 && s == 0x0002) {
            reply(snac, 0x0003, 0x0003, TlvChain.of(Tlv.u16(0x0001, 1000), Tlv.u16(0x0002, 3000),
                    Tlv.u16(0x0004, 160)));
        } else if (f == 0x0009 && s == 0x0002) {
            reply(snac, 0x0009, 0x0003, TlvChain.of(Tlv.u16(0x0001, 1000), Tlv.u16(0x0002, 1000)));
        } else if (f == Icbm.FAMILY) {
            onIcbm(snac, s, body);
        } else {
            // 0015 meta requests and anything else need no answer (§12.2)
            log.debug("{}: no answer to {}", uin, snac);
        }
    }

    /** Counts the SNAC against the client's rate classes; false when it must not be processed. */
    private boolean withinRates(Snac snac) {
        ClientRates.Verdict verdict = rates.onSnac(snac.family(), snac.subtype(), System.nanoTime() / 1_000_000,
                change -> {
                    ByteBuf notice = channel.alloc().buffer();
                    change.write(notice);
                    EmulatorSnacs.push(channel, 0x0001, RateChange.SUBTYPE, notice);
                });
        switch (verdict) {
            case REFUSE -> {
                rateViolations.record(uin);
                log.info("{}: {} refused, rate limited", uin, snac);
                EmulatorSnacs.error(channel, snac, SnacError.RATE_TO_HOST);
                return false;
            }
            case DISCONNECT -> {
                rateViolations.record(uin);
                log.info("{}: disconnected for sending below the disconnect rate", uin);
                channel.close();
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void onOService(Snac snac, int subtype, ByteBuf body) {
        switch (subtype) {
            case 0x0017 -> EmulatorSnacs.reply(channel, snac, 0x0001, 0x0018, body.retainedSlice());
            case 0x0006 -> {
                RateClasses classes = relay.options().rateClasses();
                ByteBuf reply = channel.alloc().buffer();
                classes.write(reply);
                EmulatorSnacs.reply(channel, snac, 0x0001, 0x0007, reply);
                rates = new ClientRates(classes, System.nanoTime() / 1_000_000);
            }
            case 0x000E -> {
                ByteBuf info = channel.alloc().buffer();
                userInfo().write(info);
                EmulatorSnacs.reply(channel, snac, 0x0001, 0x000F, info);
            }
            case 0x0004 -> EmulatorSnacs.error(channel, snac, SnacError.SERVICE_UNAVAILABLE);
            case 0x0002 -> {
                log.info("{} signed on from {}", uin, channel.remoteAddress());
                if (!visible) {
                    presence.arrived(this);
                }
            }
            case 0x001E -> {
                icqStatus = TlvChain.readChain(body).u32(UserInfo.TLV_ICQ_STATUS, icqStatus);
                if (visible) {
                    presence.changed(this);
                }
            }
            default -> log.debug("{}: no answer to {}", uin, snac); // 0008, 0011
        }
    }

    private void onFeedbag(Snac snac, int subtype, ByteBuf body) {
        switch (subtype) {
            case 0x0002 -> {
                ByteBuf maxima = Unpooled.buffer();
                for (int i = 0; i < 0x15; i++) {
                    maxima.writeShort(i == 0 ? 1000 : 200);
                }
                byte[] value = new byte[maxima.readableBytes()];
                maxima.readBytes(value);
                reply(snac, 0x0013, 0x0003, TlvChain.of(new Tlv(0x0004, value)));
            }
            case 0x0004, 0x0005 -> {
                List<FeedbagStore.Item> items = presence.feedbag().snapshot(uin);
                ByteBuf list = channel.alloc().buffer();
                list.writeByte(0).writeShort(items.size());
                items.forEach(item -> item.write(list));
                list.writeInt((int) (System.currentTimeMillis() / 1000));
                EmulatorSnacs.reply(channel, snac, 0x0013, 0x0006, list);
            }
            case 0x0008, 0x0009, 0x000A -> {
                List<FeedbagStore.Item> items = new ArrayList<>();
                while (body.isReadable()) {
                    items.add(FeedbagStore.Item.read(body));
                }
                ByteBuf ack = channel.alloc().buffer(2 * items.size());
                for (FeedbagStore.Item item : items) {
                    ack.writeShort(applyEdit(subtype, item));
                }
                EmulatorSnacs.reply(channel, snac, 0x0013, 0x000E, ack);
            }
            case AuthorizationSnacs.SEND_REQUEST, AuthorizationSnacs.SEND_REPLY, AuthorizationSnacs.SEND_FUTURE_GRANT -> {
                try {
                    onAuthorization(subtype, body);
                } catch (MalformedDataException e) {
                    log.info("{}: malformed authorization SNAC 0013/{}: {}", uin, Integer.toHexString(subtype),
                            e.getMessage());
                    EmulatorSnacs.error(channel, snac, SnacError.INVALID_SNAC);
                }
            }
            case 0x0007 -> deliverPendingAuthorizations();
            default -> log.debug("{}: no answer to {}", uin, snac); // 0011/0012 edit brackets
        }
    }

    /** Applies one edit and returns its 0013/000E result code. */
    private int applyEdit(int subtype, FeedbagStore.Item item) {
        FeedbagStore feedbag = presence.feedbag();
        log.debug("{}: feedbag edit 0013/{} type {} gid {} iid {}", uin, Integer.toHexString(subtype), item.type(),
                item.groupId(), item.itemId());
        switch (subtype) {
            case 0x0008 -> {
                boolean buddy = item.type() == FeedbagStore.TYPE_BUDDY;
                if (buddy && !item.awaitingAuthorization() && !presence.authorizations().allows(item.name(), uin)) {
                    log.debug("{}: {} requires authorization; add refused", uin, item.name());
                    return AuthorizationSnacs.ACK_AUTHORIZATION_REQUIRED;
                }
                feedbag.add(uin, item);
                if (buddy) {
                    presence.listed(this, item.name());
                    EmulatorBosSession added = presence.registry().find(item.name());
                    if (added != null && added != this) {
                        ByteBuf body = added.channel().alloc().buffer();
                        AuthorizationSnacs.writeName(body, uin);
                        EmulatorSnacs.push(added.channel(), 0x0013, AuthorizationSnacs.YOU_WERE_ADDED, body);
                    }
                }
            }
            case 0x0009 -> feedbag.modify(uin, item);
            default -> feedbag.delete(uin, item);
        }
        return 0x0000;
    }

    /**
     * Authorization requests and answers (oscar.md §4.3), relayed to the other account if it is online and kept
     * for its next sign-on if not. A grant (an answer or in advance) lets the other account list us plainly and
     * see our presence; its item for us loses the "awaiting authorization" mark, pushed to it as a 0013/0009 edit
     * as servers do (or found in its stored list at its next sign-on).
     */
    private void onAuthorization(int subtype, ByteBuf body) {
        if (subtype == AuthorizationSnacs.SEND_REQUEST) {
            AuthorizationSnacs.Request request = AuthorizationSnacs.readRequest(body);
            relayOrKeep(request.uin(), PendingAuthorizations.Pending.request(uin, request.reason()));
            return;
        }
        boolean advance = subtype == AuthorizationSnacs.SEND_FUTURE_GRANT;
        AuthorizationSnacs.Reply reply = advance
                ? new AuthorizationSnacs.Reply(AuthorizationSnacs.readRequest(body).uin(), true, null)
                : AuthorizationSnacs.readReply(body);
        String requester = reply.uin();
        FeedbagStore.Item cleared = null;
        if (reply.granted()) {
            presence.authorizations().grant(uin, requester);
            cleared = presence.feedbag().clearAwaitingAuthorization(requester, uin);
        }
        EmulatorBosSession other = presence.registry().find(requester);
        if (other != null && cleared != null) {
            ByteBuf edit = other.channel().alloc().buffer();
            cleared.write(edit);
            EmulatorSnacs.push(other.channel(), 0x0013, 0x0009, edit);
        }
        relayOrKeep(requester, advance
                ? PendingAuthorizations.Pending.futureGrant(uin)
                : PendingAuthorizations.Pending.reply(uin, reply.granted(), reply.reason()));
        if (other != null && reply.granted() && presence.feedbag().lists(requester, uin)) {
            presence.listed(other, uin);
        }
    }

    private void relayOrKeep(String to, PendingAuthorizations.Pending snac) {
        EmulatorBosSession other = presence.registry().find(to);
        if (other == null) {
            log.info("{}: authorization SNAC 0013/{} for {} kept: not online", uin,
                    Integer.toHexString(snac.subtype()), to);
            presence.pendingAuthorizations().store(to, snac);
        } else {
            other.push(snac);
        }
    }

    /** Our stored list is activated (0013/0007): the authorization SNACs kept while we were offline, once. */
    private void deliverPendingAuthorizations() {
        List<PendingAuthorizations.Pending> pending = presence.pendingAuthorizations().take(uin);
        if (!pending.isEmpty()) {
            log.debug("{}: delivering {} kept authorization SNACs", uin, pending.size());
        }
        pending.forEach(this::push);
    }

    private void push(PendingAuthorizations.Pending snac) {
        ByteBuf body = channel.alloc().buffer();
        if (snac.subtype() == AuthorizationSnacs.REPLY) {
            AuthorizationSnacs.writeReply(body, snac.from(), snac.granted(), snac.reason());
        } else {
            AuthorizationSnacs.writeRequest(body, snac.from(), snac.reason());
        }
        EmulatorSnacs.push(channel, 0x0013, snac.subtype(), body);
    }

    static int countFeedbagItems(ByteBuf body) {
        int items = 0;
        while (body.isReadable()) {
            WireReads.str16(body, "feedbag item name");
            WireReads.skip(body, 6, "feedbag item ids");
            TlvChain.readLBlock(body);
            items++;
        }
        return items;
    }

    private void onIcbm(Snac snac, int subtype, ByteBuf body) {
        switch (subtype) {
            case Icbm.PARAMS_REQUEST -> {
                ByteBuf params = channel.alloc().buffer(16);
                params.writeShort(2).writeInt(3).writeShort(relay.options().maxMessageLength())
                        .writeShort(999).writeShort(999).writeInt(0);
                EmulatorSnacs.reply(channel, snac, Icbm.FAMILY, Icbm.PARAMS_REPLY, params);
            }
            case Icbm.SEND -> relay.relayMessage(this, snac);
            case Icbm.CLIENT_ERROR, Icbm.TYPING -> relay.relayNotice(this, snac);
            case Icbm.OFFLINE_REQUEST -> relay.deliverStored(this);
            default -> log.debug("{}: no answer to {}", uin, snac); // 0002 set params
        }
    }

    private void reply(Snac request, int family, int subtype, TlvChain tlvs) {
        ByteBuf body = channel.alloc().buffer();
        tlvs.writeChain(body);
        EmulatorSnacs.reply(channel, request, family, subtype, body);
    }
}
