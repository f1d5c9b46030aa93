package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** A user-info block (oscar.md §0.2): screen name, warning level and a counted TLV block. */
public record UserInfo(String screenName, int warningLevel, TlvChain tlvs) {

    public static final int TLV_USER_CLASS = 0x0001;
    public static final int TLV_SIGNON_TIME = 0x0003;
    public static final int TLV_ICQ_STATUS = 0x0006;
    public static final int TLV_ICQ_IP = 0x000A;
    public static final int TLV_CAPABILITIES = 0x000D;

    public static UserInfo read(ByteBuf buf) {
        String name = WireReads.str8(buf, "user-info screen name");
        int warning = WireReads.u16(buf, "user-info warning level");
        return new UserInfo(name, warning, TlvChain.readBlock(buf));
    }

    public void write(ByteBuf out) {
        byte[] name = screenName.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(name.length);
        out.writeBytes(name);
        out.writeShort(warningLevel);
        tlvs.writeBlock(out);
    }
}
