package org.oscartransport.oscar.rendezvous;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** The rendezvous block, value of ICBM channel-2 TLV 0x0005 (oscar.md §6.1). */
public record RendezvousBlock(int type, byte[] cookie, byte[] capability, TlvChain tlvs) {

    public static final int PROPOSE = 0x0000;
    public static final int CANCEL = 0x0001;
    public static final int ACCEPT = 0x0002;

    public static final int HEADER_LENGTH = 2 + 8 + 16;

    public RendezvousBlock {
        if (cookie.length != 8 || capability.length != 16) {
            throw new IllegalArgumentException("cookie must have 8 bytes and capability 16");
        }
    }

    public static RendezvousBlock read(ByteBuf buf) {
        int type = WireReads.u16(buf, "rendezvous type");
        byte[] cookie = WireReads.bytes(buf, 8, "rendezvous cookie");
        byte[] capability = WireReads.bytes(buf, 16, "rendezvous capability");
        return new RendezvousBlock(type, cookie, capability, TlvChain.readChain(buf));
    }

    public static RendezvousBlock read(byte[] value) {
        return read(Unpooled.wrappedBuffer(value));
    }

    public static RendezvousBlock accept(byte[] cookie, byte[] capability) {
        return new RendezvousBlock(ACCEPT, cookie, capability, TlvChain.empty());
    }

    /** Cancel with reason 0x000B = 1 ("user cancelled/declined"), as libpurple sends it. */
    public static RendezvousBlock cancel(byte[] cookie, byte[] capability) {
        return cancel(cookie, capability, CancelReason.USER);
    }

    public static RendezvousBlock cancel(byte[] cookie, byte[] capability, CancelReason reason) {
        return new RendezvousBlock(CANCEL, cookie, capability,
                TlvChain.of(Tlv.u16(RendezvousTlvs.CANCEL_REASON, reason.code())));
    }

    /** The reason of a CANCEL block; a missing TLV (Miranda) counts as the user's choice. */
    public CancelReason cancelReason() {
        return CancelReason.fromCode(tlvs.u16(RendezvousTlvs.CANCEL_REASON, -1));
    }

    public void write(ByteBuf out) {
        out.writeShort(type);
        out.writeBytes(cookie);
        out.writeBytes(capability);
        tlvs.writeChain(out);
    }

    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + tlvs.encodedLength()];
        write(Unpooled.wrappedBuffer(out).writerIndex(0));
        return out;
    }

    public boolean isSendFile() {
        return Arrays.equals(capability, Capabilities.SEND_FILE);
    }
}
