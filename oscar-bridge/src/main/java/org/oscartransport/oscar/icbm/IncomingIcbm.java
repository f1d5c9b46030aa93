package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** A server → client 0004/0007 (oscar.md §5.2): cookie, channel, sender's user info, message TLVs. */
public record IncomingIcbm(byte[] cookie, int channel, UserInfo sender, TlvChain tlvs) {

    public static IncomingIcbm read(ByteBuf body) {
        byte[] cookie = WireReads.bytes(body, 8, "ICBM cookie");
        int channel = WireReads.u16(body, "ICBM channel");
        UserInfo sender = UserInfo.read(body);
        return new IncomingIcbm(cookie, channel, sender, TlvChain.readChain(body));
    }
}
