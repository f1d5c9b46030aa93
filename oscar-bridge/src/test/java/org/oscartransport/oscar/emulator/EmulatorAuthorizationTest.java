package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.feedbag.AuthorizationSnacs;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** The emulator's side of ICQ authorization (oscar.md §4.3), from the wire, with raw clients. */
class EmulatorAuthorizationTest {

    private static EventLoopGroup group;
    private static OscarEmulator emulator;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0),
                Accounts.open().requiringAuthorization(Set.of("540002", "540012", "540032", "540042")));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void plainAddIsRefusedThenRequestAndGrantClearTheMarkAndShowPresence() throws Exception {
        try (RawOscarConnection owner = signOn("540002");
                RawOscarConnection requester = signOn("540001")) {
            owner.sendSnac(0x0001, 0x0002, 2, Unpooled.EMPTY_BUFFER);
            requester.sendSnac(0x0001, 0x0002, 2, Unpooled.EMPTY_BUFFER);

            requester.sendSnac(0x0013, 0x0008, 3, buddy("540002", 7, false));
            assertThat(requester.expectSnac(0x0013, 0x000E).body().readUnsignedShort())
                    .isEqualTo(AuthorizationSnacs.ACK_AUTHORIZATION_REQUIRED);
            requester.sendSnac(0x0013, 0x0008, 4, buddy("540002", 7, true));
            assertThat(requester.expectSnac(0x0013, 0x000E).body().readUnsignedShort()).isZero();

            ByteBuf ask = Unpooled.buffer();
            AuthorizationSnacs.writeRequest(ask, "540002", "hello");
            requester.sendSnac(0x0013, AuthorizationSnacs.SEND_REQUEST, 5, ask);
            assertThat(AuthorizationSnacs.readName(
                    owner.expectSnac(0x0013, AuthorizationSnacs.YOU_WERE_ADDED).body())).isEqualTo("540001");
            assertThat(AuthorizationSnacs.readRequest(
                    owner.expectSnac(0x0013, AuthorizationSnacs.REQUEST).body()))
                    .isEqualTo(new AuthorizationSnacs.Request("540001", "hello"));

            ByteBuf grant = Unpooled.buffer();
            AuthorizationSnacs.writeReply(grant, "540001", true, null);
            owner.sendSnac(0x0013, AuthorizationSnacs.SEND_REPLY, 3, grant);

            FeedbagStore.Item cleared = FeedbagStore.Item.read(requester.expectSnac(0x0013, 0x0009).body());
            assertThat(cleared.name()).isEqualTo("540002");
            assertThat(cleared.itemId()).isEqualTo(7);
            assertThat(cleared.awaitingAuthorization()).isFalse();
            assertThat(AuthorizationSnacs.readReply(requester.expectSnac(0x0013, AuthorizationSnacs.REPLY).body()))
                    .isEqualTo(new AuthorizationSnacs.Reply("540002", true, null));
            assertThat(UserInfo.read(requester.expectSnac(0x0003, 0x000B).body()).screenName())
                    .isEqualTo("540002");
        }
    }

    @Test
    void denialIsRelayedAndAnAdvanceGrantAllowsAPlainAdd() throws Exception {
        try (RawOscarConnection owner = signOn("540012");
                RawOscarConnection requester = signOn("540011")) {
            ByteBuf deny = Unpooled.buffer();
            AuthorizationSnacs.writeReply(deny, "540011", false, "not now");
            owner.sendSnac(0x0013, AuthorizationSnacs.SEND_REPLY, 2, deny);
            assertThat(AuthorizationSnacs.readReply(requester.expectSnac(0x0013, AuthorizationSnacs.REPLY).body()))
                    .isEqualTo(new AuthorizationSnacs.Reply("540012", false, "not now"));
            requester.sendSnac(0x0013, 0x0008, 3, buddy("540012", 1, false));
            assertThat(requester.expectSnac(0x0013, 0x000E).body().readUnsignedShort())
                    .isEqualTo(AuthorizationSnacs.ACK_AUTHORIZATION_REQUIRED);

            ByteBuf advance = Unpooled.buffer();
            AuthorizationSnacs.writeRequest(advance, "540011", null);
            owner.sendSnac(0x0013, AuthorizationSnacs.SEND_FUTURE_GRANT, 3, advance);
            assertThat(AuthorizationSnacs.readRequest(
                    requester.expectSnac(0x0013, AuthorizationSnacs.FUTURE_GRANTED).body()).uin())
                    .isEqualTo("540012");
            requester.sendSnac(0x0013, 0x0008, 4, buddy("540012", 1, false));
            assertThat(requester.expectSnac(0x0013, 0x000E).body().readUnsignedShort()).isZero();
        }
    }

    @Test
    void malformedRequestGetsAnErrorAndTheConnectionLivesOn() throws Exception {
        try (RawOscarConnection c = signOn("540021")) {
            c.sendSnac(0x0013, AuthorizationSnacs.SEND_REQUEST, 2,
                    Unpooled.wrappedBuffer(new byte[] {10, '5', '4'}));
            RawOscarConnection.RawSnac error = c.expectSnacOf(0x0013);
            assertThat(error.subtype()).isEqualTo(0x0001);
            assertThat(error.requestId()).isEqualTo(2);
            c.sendSnac(0x0013, 0x0004, 3, Unpooled.EMPTY_BUFFER);
            assertThat(c.expectSnac(0x0013, 0x0006).requestId()).isEqualTo(3);
        }
    }

    @Test
    void requestToAnOfflineAccountWaitsForItsListToBeActivatedAndComesOnce() throws Exception {
        try (RawOscarConnection requester = signOn("540031")) {
            ByteBuf ask = Unpooled.buffer();
            AuthorizationSnacs.writeRequest(ask, "540032", "let me in");
            requester.sendSnac(0x0013, AuthorizationSnacs.SEND_REQUEST, 2, ask);
            ByteBuf again = Unpooled.buffer();
            AuthorizationSnacs.writeRequest(again, "540032", "please");
            requester.sendSnac(0x0013, AuthorizationSnacs.SEND_REQUEST, 3, again);
            requester.sendSnac(0x0013, 0x0004, 4, Unpooled.EMPTY_BUFFER);
            requester.expectSnac(0x0013, 0x0006); // both requests were handled before this answer
        }

        try (RawOscarConnection owner = signOn("540032")) {
            owner.sendSnac(0x0013, 0x0004, 2, Unpooled.EMPTY_BUFFER);
            assertThat(owner.expectSnacOf(0x0013).subtype()).as("nothing before the list").isEqualTo(0x0006);
            owner.sendSnac(0x0013, 0x0007, 3, Unpooled.EMPTY_BUFFER);
            assertThat(AuthorizationSnacs.readRequest(
                    owner.expectSnac(0x0013, AuthorizationSnacs.REQUEST).body()))
                    .as("the newer request from the same account replaced the older one")
                    .isEqualTo(new AuthorizationSnacs.Request("540031", "please"));
            owner.sendSnac(0x0013, 0x0004, 4, Unpooled.EMPTY_BUFFER);
            assertThat(owner.expectSnacOf(0x0013).subtype()).as("only one request").isEqualTo(0x0006);
        }
        awaitOffline("540032");

        try (RawOscarConnection owner = signOn("540032")) {
            owner.sendSnac(0x0013, 0x0007, 2, Unpooled.EMPTY_BUFFER);
            owner.sendSnac(0x0013, 0x0004, 3, Unpooled.EMPTY_BUFFER);
            assertThat(owner.expectSnacOf(0x0013).subtype()).as("delivered once only").isEqualTo(0x0006);
        }
    }

    @Test
    void grantToAnOfflineRequesterIsInItsListAndRelayedAtItsNextSignOn() throws Exception {
        try (RawOscarConnection requester = signOn("540041")) {
            requester.sendSnac(0x0013, 0x0008, 2, buddy("540042", 9, true));
            assertThat(requester.expectSnac(0x0013, 0x000E).body().readUnsignedShort()).isZero();
            ByteBuf ask = Unpooled.buffer();
            AuthorizationSnacs.writeRequest(ask, "540042", null);
            requester.sendSnac(0x0013, AuthorizationSnacs.SEND_REQUEST, 3, ask);
            requester.sendSnac(0x0013, 0x0004, 4, Unpooled.EMPTY_BUFFER);
            requester.expectSnac(0x0013, 0x0006);
        }
        awaitOffline("540041");

        try (RawOscarConnection owner = signOn("540042")) {
            owner.sendSnac(0x0013, 0x0007, 2, Unpooled.EMPTY_BUFFER);
            assertThat(AuthorizationSnacs.readRequest(
                    owner.expectSnac(0x0013, AuthorizationSnacs.REQUEST).body()).uin()).isEqualTo("540041");
            ByteBuf grant = Unpooled.buffer();
            AuthorizationSnacs.writeReply(grant, "540041", true, "welcome");
            owner.sendSnac(0x0013, AuthorizationSnacs.SEND_REPLY, 3, grant);
            owner.sendSnac(0x0013, 0x0004, 4, Unpooled.EMPTY_BUFFER);
            owner.expectSnac(0x0013, 0x0006);
        }

        try (RawOscarConnection requester = signOn("540041")) {
            requester.sendSnac(0x0013, 0x0004, 2, Unpooled.EMPTY_BUFFER);
            ByteBuf list = requester.expectSnacOf(0x0013).body();
            list.skipBytes(1);
            int count = list.readUnsignedShort();
            FeedbagStore.Item item = null;
            for (int i = 0; i < count; i++) {
                FeedbagStore.Item next = FeedbagStore.Item.read(list);
                if (next.type() == FeedbagStore.TYPE_BUDDY && next.name().equals("540042")) {
                    item = next;
                }
            }
            assertThat(item).as("the stored list has the owner").isNotNull();
            assertThat(item.awaitingAuthorization()).as("the grant cleared the mark").isFalse();
            requester.sendSnac(0x0013, 0x0007, 3, Unpooled.EMPTY_BUFFER);
            assertThat(AuthorizationSnacs.readReply(requester.expectSnacOf(0x0013).body()))
                    .isEqualTo(new AuthorizationSnacs.Reply("540042", true, "welcome"));
        }
    }

    @Test
    void keptSnacsAreBoundedPerAccountOldestFirstOut() {
        PendingAuthorizations pending = new PendingAuthorizations();
        for (int i = 0; i < PendingAuthorizations.PER_ACCOUNT + 5; i++) {
            pending.store("540099", PendingAuthorizations.Pending.request("5401" + i, null));
        }
        var kept = pending.take("540099");
        assertThat(kept).hasSize(PendingAuthorizations.PER_ACCOUNT);
        assertThat(kept.get(0).from()).isEqualTo("54015");
        assertThat(pending.take("540099")).isEmpty();
    }

    private static void awaitOffline(String uin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (emulator.isOnline(uin) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(emulator.isOnline(uin)).as("%s signed off", uin).isFalse();
    }

    private static RawOscarConnection signOn(String uin) throws Exception {
        RawOscarConnection c = RawOscarConnection.signOn(emulator.address(), uin, "x");
        c.expectSnac(0x0001, 0x0003);
        return c;
    }

    private static ByteBuf buddy(String uin, int itemId, boolean awaitingAuthorization) {
        byte[] tlvs = awaitingAuthorization
                ? ByteBufUtil.getBytes(RawOscarConnection.chain(new Tlv(FeedbagStore.TLV_AWAITING_AUTH, new byte[0])))
                : new byte[0];
        ByteBuf out = Unpooled.buffer();
        new FeedbagStore.Item(uin, 1, itemId, 0, tlvs).write(out);
        return out;
    }
}
