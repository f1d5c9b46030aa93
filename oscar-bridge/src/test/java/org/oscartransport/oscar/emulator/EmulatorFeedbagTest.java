package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** Stored contact lists (oscar.md §4.3), list-based presence and stored offline IMs (§5.7), from the wire. */
class EmulatorFeedbagTest {

    private static EventLoopGroup group;
    private static OscarEmulator emulator;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void addedBuddyIsListedAfterReLoginUntilDeleted() throws Exception {
        try (RawOscarConnection c = signOn("510001")) {
            assertThat(buddies(readList(c))).isEmpty();
            c.sendSnac(0x0013, 0x0011, 2, Unpooled.EMPTY_BUFFER);
            c.sendSnac(0x0013, 0x0008, 3, buddy("510002", 1, 7, "Bob"));
            RawOscarConnection.RawSnac ack = c.expectSnac(0x0013, 0x000E);
            assertThat(ack.requestId()).isEqualTo(3);
            assertThat(ack.body().readUnsignedShort()).isZero();
            c.sendSnac(0x0013, 0x0012, 4, Unpooled.EMPTY_BUFFER);
        }
        try (RawOscarConnection c = signOn("510001")) {
            List<FeedbagStore.Item> list = readList(c);
            assertThat(buddies(list)).extracting(FeedbagStore.Item::name).containsExactly("510002");
            FeedbagStore.Item bob = buddies(list).get(0);
            assertThat(TlvChain.readChain(Unpooled.wrappedBuffer(bob.tlvs())).bytes(0x0131)).asString()
                    .isEqualTo("Bob");
            FeedbagStore.Item icq = list.stream().filter(i -> i.type() == 1 && i.groupId() == 1).findFirst()
                    .orElseThrow();
            assertThat(icq.name()).isEqualTo("ICQ");
            assertThat(TlvChain.readChain(Unpooled.wrappedBuffer(icq.tlvs())).bytes(0x00C8))
                    .containsExactly(0, 7);
            assertThat(list).anyMatch(i -> i.type() == 1 && i.groupId() == 0 && i.name().isEmpty());

            c.sendSnac(0x0013, 0x000A, 5, buddy("510002", 1, 7, null));
            assertThat(c.expectSnac(0x0013, 0x000E).body().readUnsignedShort()).isZero();
        }
        try (RawOscarConnection c = signOn("510001")) {
            assertThat(buddies(readList(c))).isEmpty();
        }
    }

    @Test
    void arrivalsGoOnlyToUsersWhoListTheBuddy() throws Exception {
        try (RawOscarConnection watcher = signOn("510011");
                RawOscarConnection other = signOn("510012")) {
            watcher.sendSnac(0x0013, 0x0008, 2, buddy("510013", 1, 1, null));
            watcher.expectSnac(0x0013, 0x000E);
            watcher.sendSnac(0x0001, 0x0002, 3, Unpooled.EMPTY_BUFFER);
            other.sendSnac(0x0001, 0x0002, 3, Unpooled.EMPTY_BUFFER);
            try (RawOscarConnection listed = signOn("510013")) {
                listed.sendSnac(0x0001, 0x0002, 3, Unpooled.EMPTY_BUFFER);
                // the unlisted 510012 signed on first, so had it been reported it would come first
                assertThat(UserInfo.read(watcher.expectSnac(0x0003, 0x000B).body()).screenName())
                        .isEqualTo("510013");
            }
        }
    }

    @Test
    void offlineImIsStoredAndDeliveredWithItsTimeOnRequest() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        try (RawOscarConnection sender = signOn("510021")) {
            ByteBuf body = Unpooled.buffer();
            new OutgoingIcbm("abcdefgh".getBytes(), 1, "510022",
                    TlvChain.of(new Tlv(0x0002, new byte[] {5, 1, 0, 1, 1, 1, 1, 0, 6, 0, 0, 0, 0, 'h', 'i'}),
                            Tlv.empty(0x0006))).write(body);
            sender.sendSnac(0x0004, 0x0006, 9, body);
        }
        try (RawOscarConnection recipient = signOn("510022")) {
            recipient.sendSnac(0x0001, 0x0002, 2, Unpooled.EMPTY_BUFFER);
            recipient.sendSnac(0x0004, 0x0010, 3, Unpooled.EMPTY_BUFFER);
            IncomingIcbm stored = IncomingIcbm.read(recipient.expectSnac(0x0004, 0x0007).body());
            assertThat(stored.sender().screenName()).isEqualTo("510021");
            assertThat(stored.tlvs().has(0x0006)).isTrue();
            assertThat(stored.tlvs().u32(0x0016, 0)).isBetween(before, before + 60);
            assertThat(stored.tlvs().has(0x0002)).isTrue();
        }
        try (RawOscarConnection recipient = signOn("510022")) {
            recipient.sendSnac(0x0004, 0x0010, 3, Unpooled.EMPTY_BUFFER);
            // delivered once only: the next 0004 SNAC is the params reply, not another stored message
            recipient.sendSnac(0x0004, 0x0004, 4, Unpooled.EMPTY_BUFFER);
            RawOscarConnection.RawSnac next = recipient.expectSnacOf(0x0004);
            assertThat(next.subtype()).isEqualTo(0x0005);
        }
    }

    private static RawOscarConnection signOn(String uin) throws Exception {
        RawOscarConnection c = RawOscarConnection.signOn(emulator.address(), uin, "x");
        c.expectSnac(0x0001, 0x0003);
        return c;
    }

    private static List<FeedbagStore.Item> readList(RawOscarConnection c) throws Exception {
        c.sendSnac(0x0013, 0x0004, 1, Unpooled.EMPTY_BUFFER);
        ByteBuf body = c.expectSnac(0x0013, 0x0006).body();
        assertThat(body.readUnsignedByte()).isZero();
        int count = body.readUnsignedShort();
        List<FeedbagStore.Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(FeedbagStore.Item.read(body));
        }
        assertThat(body.readableBytes()).isEqualTo(4);
        return items;
    }

    private static List<FeedbagStore.Item> buddies(List<FeedbagStore.Item> items) {
        return items.stream().filter(i -> i.type() == 0).toList();
    }

    private static ByteBuf buddy(String uin, int groupId, int itemId, String alias) {
        byte[] tlvs = alias == null ? new byte[0]
                : ByteBufUtil.getBytes(RawOscarConnection.chain(Tlv.ascii(0x0131, alias)));
        ByteBuf out = Unpooled.buffer();
        new FeedbagStore.Item(uin, groupId, itemId, 0, tlvs).write(out);
        return out;
    }
}
