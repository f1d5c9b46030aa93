package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * Every account's server-stored list (SSI, oscar.md §4.3) for the lifetime of the emulator. Stores the items
 * clients add; the master group and the group "ICQ" are built on each read so their member lists stay right.
 * Thread-safe: each account's list is only touched under its own lock.
 */
final class FeedbagStore {

    static final int TYPE_BUDDY = 0x0000;
    static final int TYPE_GROUP = 0x0001;
    static final int TLV_MEMBERS = 0x00C8;
    static final int TLV_ALIAS = 0x0131;
    static final int TLV_AWAITING_AUTH = 0x0066;
    static final int ICQ_GROUP_ID = 1;

    /** One feedbag item as on the wire. */
    record Item(String name, int groupId, int itemId, int type, byte[] tlvs) {

        static Item read(ByteBuf in) {
            String name = WireReads.str16(in, "feedbag item name");
            int groupId = WireReads.u16(in, "feedbag group id");
            int itemId = WireReads.u16(in, "feedbag item id");
            int type = WireReads.u16(in, "feedbag item type");
            int length = WireReads.u16(in, "feedbag item TLV length");
            return new Item(name, groupId, itemId, type, WireReads.bytes(in, length, "feedbag item TLVs"));
        }

        void write(ByteBuf out) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            out.writeShort(bytes.length).writeBytes(bytes);
            out.writeShort(groupId).writeShort(itemId).writeShort(type);
            out.writeShort(tlvs.length).writeBytes(tlvs);
        }

        /** The item's TLVs, or none if a client stored bytes that are no TLV chain. */
        TlvChain tlvChain() {
            try {
                return TlvChain.readChain(Unpooled.wrappedBuffer(tlvs));
            } catch (MalformedDataException e) {
                return TlvChain.empty();
            }
        }

        boolean awaitingAuthorization() {
            return tlvChain().has(TLV_AWAITING_AUTH);
        }

        boolean sameSlot(Item other) {
            return groupId == other.groupId && itemId == other.itemId && type == other.type;
        }
    }

    private final Map<String, List<Item>> lists = new ConcurrentHashMap<>();

    private List<Item> listOf(String uin) {
        return lists.computeIfAbsent(EmulatorRegistry.normalize(uin), k -> new ArrayList<>());
    }

    /** 0013/0008. Group items are ours to build, so they are accepted but not stored. */
    void add(String uin, Item item) {
        if (item.type() == TYPE_GROUP) {
            return;
        }
        List<Item> list = listOf(uin);
        synchronized (list) {
            list.removeIf(item::sameSlot);
            list.add(item);
        }
    }

    /** 0013/0009: replaces the item in the same slot, if any. */
    void modify(String uin, Item item) {
        List<Item> list = listOf(uin);
        synchronized (list) {
            if (list.removeIf(item::sameSlot)) {
                list.add(item);
            }
        }
    }

    /** 0013/000A: by slot, or for buddies by name (clients do not always remember the ids). */
    void delete(String uin, Item item) {
        List<Item> list = listOf(uin);
        synchronized (list) {
            list.removeIf(i -> i.sameSlot(item) || (item.type() == TYPE_BUDDY && i.type() == TYPE_BUDDY
                    && EmulatorRegistry.normalize(i.name()).equals(EmulatorRegistry.normalize(item.name()))));
        }
    }

    /**
     * {@code buddy} authorized {@code uin}: drops the "awaiting authorization" TLV from {@code uin}'s item for it.
     * Returns the changed item, or null if {@code uin} does not list {@code buddy} as awaiting.
     */
    Item clearAwaitingAuthorization(String uin, String buddy) {
        List<Item> list = lists.get(EmulatorRegistry.normalize(uin));
        if (list == null) {
            return null;
        }
        String wanted = EmulatorRegistry.normalize(buddy);
        synchronized (list) {
            for (int i = 0; i < list.size(); i++) {
                Item item = list.get(i);
                if (item.type() == TYPE_BUDDY && EmulatorRegistry.normalize(item.name()).equals(wanted)
                        && item.awaitingAuthorization()) {
                    ByteBuf tlvs = Unpooled.buffer();
                    item.tlvChain().without(TLV_AWAITING_AUTH).writeChain(tlvs);
                    byte[] bytes = new byte[tlvs.readableBytes()];
                    tlvs.readBytes(bytes);
                    Item cleared = new Item(item.name(), item.groupId(), item.itemId(), item.type(), bytes);
                    list.set(i, cleared);
                    return cleared;
                }
            }
        }
        return null;
    }

    /** True if {@code uin}'s list has {@code buddy} as a buddy item. */
    boolean lists(String uin, String buddy) {
        String wanted = EmulatorRegistry.normalize(buddy);
        return buddies(uin).stream().anyMatch(i -> EmulatorRegistry.normalize(i.name()).equals(wanted));
    }

    /** True if {@code uin} has any buddy at all; an empty list falls back to seeing everyone (see Presence). */
    boolean hasBuddies(String uin) {
        return !buddies(uin).isEmpty();
    }

    List<Item> buddies(String uin) {
        List<Item> list = lists.get(EmulatorRegistry.normalize(uin));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return list.stream().filter(i -> i.type() == TYPE_BUDDY).toList();
        }
    }

    /** The stored items plus a master group and the group "ICQ" listing the buddies filed under it. */
    List<Item> snapshot(String uin) {
        List<Item> stored;
        List<Item> list = lists.get(EmulatorRegistry.normalize(uin));
        if (list == null) {
            stored = List.of();
        } else {
            synchronized (list) {
                stored = List.copyOf(list);
            }
        }
        List<Integer> members = stored.stream()
                .filter(i -> i.type() == TYPE_BUDDY && i.groupId() == ICQ_GROUP_ID)
                .map(Item::itemId)
                .toList();
        List<Item> all = new ArrayList<>();
        all.add(new Item("", 0, 0, TYPE_GROUP, memberTlv(List.of(ICQ_GROUP_ID))));
        all.add(new Item("ICQ", ICQ_GROUP_ID, 0, TYPE_GROUP, memberTlv(members)));
        all.addAll(stored);
        return all;
    }

    private static byte[] memberTlv(List<Integer> ids) {
        ByteBuf tlv = Unpooled.buffer(4 + 2 * ids.size());
        tlv.writeShort(TLV_MEMBERS).writeShort(2 * ids.size());
        ids.forEach(tlv::writeShort);
        byte[] bytes = new byte[tlv.readableBytes()];
        tlv.readBytes(bytes);
        return bytes;
    }
}
