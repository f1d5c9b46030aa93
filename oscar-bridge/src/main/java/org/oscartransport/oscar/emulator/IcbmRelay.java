package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.rendezvous.RendezvousTlvs;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacError;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Relays ICBMs between online users (oscar.md §5.2, §6.7), adding the verified IP to file proposals. */
final class IcbmRelay {

    private static final Logger log = LoggerFactory.getLogger(IcbmRelay.class);

    /** Unix time a stored IM was sent, on delivery (oscar.md §5.7). */
    static final int TLV_OFFLINE_TIMESTAMP = 0x0016;

    private final EmulatorRegistry registry;
    private final EmulatorOptions options;
    private final OfflineMessages offline = new OfflineMessages();

    IcbmRelay(EmulatorRegistry registry) {
        this(registry, new EmulatorOptions());
    }

    IcbmRelay(EmulatorRegistry registry, EmulatorOptions options) {
        this.registry = registry;
        this.options = options;
    }

    EmulatorOptions options() {
        return options;
    }

    /** 0004/0006 from {@code sender} → 0004/0007 to the recipient, or 0004/0001 "not logged on". */
    void relayMessage(EmulatorBosSession sender, Snac snac) {
        OutgoingIcbm icbm = OutgoingIcbm.read(snac.content());
        byte[] text = icbm.channel() == Icbm.CHANNEL_IM ? icbm.tlvs().bytes(Icbm.TLV_MESSAGE_DATA) : null;
        if (text != null && text.length > options.maxMessageLength()) {
            log.info("{} -> {}: refused {} bytes of message data, more than the announced {}", sender.uin(),
                    icbm.recipient(), text.length, options.maxMessageLength());
            EmulatorSnacs.error(sender.channel(), snac, SnacError.BUSTED_PAYLOAD);
            return;
        }
        EmulatorBosSession recipient = registry.find(icbm.recipient());
        if (recipient == null) {
            if (icbm.channel() == Icbm.CHANNEL_IM && icbm.tlvs().has(Icbm.TLV_STORE_OFFLINE)) {
                log.debug("{} -> {}: recipient offline, message stored", sender.uin(), icbm.recipient());
                offline.store(icbm.recipient(), new OfflineMessages.Stored(icbm.cookie(), icbm.channel(),
                        sender.userInfo(), icbm.tlvs().without(Icbm.TLV_REQUEST_HOST_ACK, Icbm.TLV_STORE_OFFLINE),
                        System.currentTimeMillis() / 1000));
                ackIfAsked(sender, snac, icbm);
                return;
            }
            log.debug("{} -> {}: recipient offline", sender.uin(), icbm.recipient());
            EmulatorSnacs.error(sender.channel(), snac, SnacError.NOT_LOGGED_ON);
            return;
        }
        TlvChain tlvs = icbm.tlvs().without(Icbm.TLV_REQUEST_HOST_ACK, Icbm.TLV_STORE_OFFLINE);
        if (icbm.channel() == Icbm.CHANNEL_RENDEZVOUS) {
            tlvs = rewriteProposal(sender, tlvs);
            if (tlvs == null) {
                log.debug("{} -> {}: reverse proposal dropped (test option)", sender.uin(), recipient.uin());
                ackIfAsked(sender, snac, icbm);
                return;
            }
        }
        ByteBuf body = recipient.channel().alloc().buffer();
        body.writeBytes(icbm.cookie());
        body.writeShort(icbm.channel());
        sender.userInfo().write(body);
        tlvs.writeChain(body);
        log.debug("{} -> {}: ICBM channel {}", sender.uin(), recipient.uin(), icbm.channel());
        EmulatorSnacs.push(recipient.channel(), Icbm.FAMILY, Icbm.RECEIVE, body);

        ackIfAsked(sender, snac, icbm);
    }

    /** 0004/0010: everything stored for {@code recipient} as 0004/0007 with 0x0006 and the 0x0016 send time. */
    void deliverStored(EmulatorBosSession recipient) {
        List<OfflineMessages.Stored> messages = offline.take(recipient.uin());
        log.debug("{}: delivering {} stored messages", recipient.uin(), messages.size());
        for (OfflineMessages.Stored message : messages) {
            ByteBuf body = recipient.channel().alloc().buffer();
            body.writeBytes(message.cookie());
            body.writeShort(message.channel());
            message.sender().write(body);
            message.tlvs()
                    .with(Tlv.empty(Icbm.TLV_STORE_OFFLINE))
                    .with(Tlv.u32(TLV_OFFLINE_TIMESTAMP, message.sentAt()))
                    .writeChain(body);
            EmulatorSnacs.push(recipient.channel(), Icbm.FAMILY, Icbm.RECEIVE, body);
        }
    }

    private static void ackIfAsked(EmulatorBosSession sender, Snac snac, OutgoingIcbm icbm) {
        if (icbm.tlvs().has(Icbm.TLV_REQUEST_HOST_ACK)) {
            ByteBuf ack = sender.channel().alloc().buffer();
            ack.writeBytes(icbm.cookie()).writeShort(icbm.channel());
            writeStr8(ack, icbm.recipient());
            EmulatorSnacs.reply(sender.channel(), snac, Icbm.FAMILY, Icbm.HOST_ACK, ack);
        }
    }

    /**
     * A PROPOSE that carries the client's own IP (0x0003) gets 0x0004 = the address we see it connect from.
     * A 0x0004 sent by the client itself is dropped from every rendezvous block, whatever its type and whether
     * or not we can add ours: only the server may vouch for an address. Proposals' file names get the
     * {@link LibpurpleNamePadding}. The {@link EmulatorOptions} may withhold 0x0004, or drop a reverse proposal
     * (null).
     */
    private TlvChain rewriteProposal(EmulatorBosSession sender, TlvChain tlvs) {
        List<Tlv> outer = new ArrayList<>(tlvs.size());
        for (Tlv tlv : tlvs.all()) {
            Tlv relayed = tlv.type() == Icbm.TLV_RENDEZVOUS ? vouched(sender, tlv) : tlv;
            if (relayed == null) {
                return null;
            }
            outer.add(relayed);
        }
        return new TlvChain(outer);
    }

    private Tlv vouched(EmulatorBosSession sender, Tlv rendezvous) {
        RendezvousBlock block;
        try {
            block = RendezvousBlock.read(rendezvous.value());
        } catch (MalformedDataException e) {
            return rendezvous; // relay unchanged; the recipient decides what to make of it
        }
        boolean propose = block.type() == RendezvousBlock.PROPOSE;
        int sequence = propose ? block.tlvs().u16(RendezvousTlvs.SEQUENCE, 1) : 0;
        if (propose && sequence > 1 && !block.tlvs().has(RendezvousTlvs.USE_PROXY) && options.dropReverseProposals()) {
            return null;
        }
        boolean addVerifiedIp = propose && switch (options.verifiedIp()) {
            case ALWAYS -> true;
            case NOT_ON_FIRST_PROPOSAL -> sequence > 1;
            case NEVER -> false;
        };
        List<Tlv> inner = new ArrayList<>();
        for (Tlv tlv : block.tlvs().all()) {
            if (propose && tlv.type() == RendezvousTlvs.SERVICE_DATA) {
                inner.add(new Tlv(tlv.type(), LibpurpleNamePadding.pad(tlv.value())));
            } else if (tlv.type() != RendezvousTlvs.VERIFIED_IP) {
                inner.add(tlv);
            }
        }
        byte[] ip = sender.ipv4();
        if (addVerifiedIp && ip != null && block.tlvs().has(RendezvousTlvs.CLIENT_IP)) {
            inner.add(new Tlv(RendezvousTlvs.VERIFIED_IP, ip));
        }
        byte[] rewritten = new RendezvousBlock(block.type(), block.cookie(), block.capability(), new TlvChain(inner))
                .toBytes();
        return rewritten.length > 0xFFFF ? rendezvous : new Tlv(Icbm.TLV_RENDEZVOUS, rewritten);
    }

    /** 0004/000B (client error, e.g. a declined rendezvous) and 0004/0014 (typing): the name becomes the sender's. */
    void relayNotice(EmulatorBosSession sender, Snac snac) {
        ByteBuf in = snac.content();
        byte[] cookie = WireReads.bytes(in, 8, "cookie");
        int channel = WireReads.u16(in, "channel");
        String recipientName = WireReads.str8(in, "recipient");
        EmulatorBosSession recipient = registry.find(recipientName);
        if (recipient == null) {
            return;
        }
        ByteBuf body = recipient.channel().alloc().buffer();
        body.writeBytes(cookie).writeShort(channel);
        writeStr8(body, sender.uin());
        body.writeBytes(in, in.readerIndex(), in.readableBytes());
        EmulatorSnacs.push(recipient.channel(), Icbm.FAMILY, snac.subtype(), body);
    }

    private static void writeStr8(ByteBuf out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(bytes.length).writeBytes(bytes);
    }
}
