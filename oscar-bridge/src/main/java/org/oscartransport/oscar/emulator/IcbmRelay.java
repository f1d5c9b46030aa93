package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
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

/**
 * Relays ICBMs between online users (oscar.md §5.2, §6.7), adding the verified IP to file proposals and making
 * their file names readable for libpurple (§12.5.1).
 */
final class IcbmRelay {

    private static final Logger log = LoggerFactory.getLogger(IcbmRelay.class);

    private final EmulatorRegistry registry;

    IcbmRelay(EmulatorRegistry registry) {
        this.registry = registry;
    }

    /** 0004/0006 from {@code sender} → 0004/0007 to the recipient, or 0004/0001 "not logged on". */
    void relayMessage(EmulatorBosSession sender, Snac snac) {
        OutgoingIcbm icbm = OutgoingIcbm.read(snac.content());
        EmulatorBosSession recipient = registry.find(icbm.recipient());
        if (recipient == null) {
            log.debug("{} -> {}: recipient offline", sender.uin(), icbm.recipient());
            EmulatorSnacs.error(sender.channel(), snac, SnacError.NOT_LOGGED_ON);
            return;
        }
        TlvChain tlvs = icbm.tlvs().without(Icbm.TLV_REQUEST_HOST_ACK, Icbm.TLV_STORE_OFFLINE);
        if (icbm.channel() == Icbm.CHANNEL_RENDEZVOUS) {
            tlvs = addVerifiedIp(sender, tlvs);
        }
        ByteBuf body = recipient.channel().alloc().buffer();
        body.writeBytes(icbm.cookie());
        body.writeShort(icbm.channel());
        sender.userInfo().write(body);
        tlvs.writeChain(body);
        log.debug("{} -> {}: ICBM channel {}", sender.uin(), recipient.uin(), icbm.channel());
        EmulatorSnacs.push(recipient.channel(), Icbm.FAMILY, Icbm.RECEIVE, body);

        if (icbm.tlvs().has(Icbm.TLV_REQUEST_HOST_ACK)) {
            ByteBuf ack = sender.channel().alloc().buffer();
            ack.writeBytes(icbm.cookie()).writeShort(icbm.channel());
            writeStr8(ack, icbm.recipient());
            EmulatorSnacs.reply(sender.channel(), snac, Icbm.FAMILY, Icbm.HOST_ACK, ack);
        }
    }

    /**
     * A PROPOSE that carries the client's own IP (0x0003) gets 0x0004 = the address we see it connect from.
     * A 0x0004 sent by the client itself is dropped: only the server may vouch for an address. A file name in
     * 0x2711 is also made readable for libpurple (see {@link #libpurpleReadableName}).
     */
    private static TlvChain addVerifiedIp(EmulatorBosSession sender, TlvChain tlvs) {
        Tlv rendezvous = tlvs.first(Icbm.TLV_RENDEZVOUS);
        byte[] ip = sender.ipv4();
        if (rendezvous == null) {
            return tlvs;
        }
        RendezvousBlock block;
        try {
            block = RendezvousBlock.read(rendezvous.value());
        } catch (MalformedDataException e) {
            return tlvs; // relay unchanged; the recipient decides what to make of it
        }
        if (block.type() != RendezvousBlock.PROPOSE) {
            return tlvs;
        }
        TlvChain inner = block.tlvs();
        boolean changed = false;
        Tlv serviceData = inner.first(RendezvousTlvs.SERVICE_DATA);
        byte[] readable = serviceData == null ? null : libpurpleReadableName(serviceData.value());
        if (readable != null) {
            List<Tlv> list = new ArrayList<>();
            for (Tlv tlv : inner.all()) {
                list.add(tlv == serviceData ? new Tlv(RendezvousTlvs.SERVICE_DATA, readable) : tlv);
            }
            inner = new TlvChain(list);
            changed = true;
        }
        if (ip != null && inner.has(RendezvousTlvs.CLIENT_IP)) {
            inner = inner.without(RendezvousTlvs.VERIFIED_IP).with(new Tlv(RendezvousTlvs.VERIFIED_IP, ip));
            changed = true;
        }
        if (!changed) {
            return tlvs;
        }
        byte[] rewritten = new RendezvousBlock(block.type(), block.cookie(), block.capability(), inner).toBytes();
        List<Tlv> outer = new ArrayList<>();
        for (Tlv tlv : tlvs.all()) {
            outer.add(tlv == rendezvous ? new Tlv(Icbm.TLV_RENDEZVOUS, rewritten) : tlv);
        }
        return new TlvChain(outer);
    }

    /**
     * libpurple 2.14 reads a 0x2711 file name from the {@code strlen(name)} bytes after its NUL (oscar.md §12.5.1):
     * a proposal written as plain {@code name NUL} (libpurple's own, Miranda's) reaches a libpurple user with no
     * name and is silently dropped. Like a test server may (§12.5.1), the emulator rewrites such a value to
     * {@code name NUL name NUL}, which every reader understands. Returns null when no rewrite is needed.
     */
    static byte[] libpurpleReadableName(byte[] value) {
        int nameStart = 8;
        if (value.length <= nameStart) {
            return null;
        }
        int nul = -1;
        for (int i = nameStart; i < value.length; i++) {
            if (value[i] == 0) {
                nul = i;
                break;
            }
        }
        int nameLength = (nul < 0 ? value.length : nul) - nameStart;
        if (nameLength == 0) {
            return null;
        }
        if (nul >= 0 && value.length - nul - 1 >= nameLength
                && java.util.Arrays.equals(value, nul + 1, nul + 1 + nameLength, value, nameStart, nul)) {
            return null; // already name NUL name...
        }
        byte[] out = new byte[nameStart + 2 * (nameLength + 1)];
        System.arraycopy(value, 0, out, 0, nameStart + nameLength);
        System.arraycopy(value, nameStart, out, nameStart + nameLength + 1, nameLength);
        return out;
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
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeByte(bytes.length).writeBytes(bytes);
    }
}
