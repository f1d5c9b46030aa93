package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** A client → server 0004/0006 (oscar.md §5.1): cookie, channel, recipient, message TLVs. */
public record OutgoingIcbm(byte[] cookie, int channel, String recipient, TlvChain tlvs) {

    public static OutgoingIcbm read(ByteBuf body) {
        byte[] cookie = WireReads.bytes(body, 8, "ICBM cookie");
        int channel = WireReads.u16(body, "ICBM channel");
        String recipient = WireReads.str8(body, "ICBM recipient");
        return new OutgoingIcbm(cookie, channel, recipient, TlvChain.readChain(body));
    }

    public void write(ByteBuf out) {
        out.writeBytes(cookie);
        out.writeShort(channel);
        writeStr8(out, recipient);
        tlvs.writeChain(out);
    }

    static void writeStr8(ByteBuf out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }
}
