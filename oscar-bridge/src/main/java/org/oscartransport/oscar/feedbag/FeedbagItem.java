package org.oscartransport.oscar.feedbag;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** One SSI item (oscar.md §4.3): name, group id, item id, type and its TLVs. */
public record FeedbagItem(String name, int groupId, int itemId, int type, TlvChain tlvs) {

    public static final int TYPE_BUDDY = 0x0000;
    public static final int TYPE_GROUP = 0x0001;
    /** In groups: the ids of their members (u16 each). */
    public static final int TLV_MEMBERS = 0x00C8;
    /** In buddies: the owner's alias for the buddy. */
    public static final int TLV_ALIAS = 0x0131;
    /** In ICQ buddies: we listed the buddy before it authorized us; the server withholds its presence. */
    public static final int TLV_AWAITING_AUTH = 0x0066;

    public static FeedbagItem read(ByteBuf in) {
        String name = WireReads.str16(in, "feedbag item name");
        int groupId = WireReads.u16(in, "feedbag group id");
        int itemId = WireReads.u16(in, "feedbag item id");
        int type = WireReads.u16(in, "feedbag item type");
        return new FeedbagItem(name, groupId, itemId, type, TlvChain.readLBlock(in));
    }

    public void write(ByteBuf out) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length).writeBytes(bytes);
        out.writeShort(groupId).writeShort(itemId).writeShort(type);
        tlvs.writeLBlock(out);
    }

    public boolean awaitingAuthorization() {
        return tlvs.has(TLV_AWAITING_AUTH);
    }

    /** The alias of a buddy item, or null. */
    public String alias() {
        byte[] alias = tlvs.bytes(TLV_ALIAS);
        return alias == null || alias.length == 0 ? null : new String(alias, StandardCharsets.UTF_8);
    }
}
