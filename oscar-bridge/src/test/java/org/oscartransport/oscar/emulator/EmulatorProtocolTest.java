package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.RawOscarConnection.RawSnac;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** The emulator seen from the wire, as libpurple sees it (oscar.md §4.4, §6.7, §12.2). */
class EmulatorProtocolTest {

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
    void answersEverySignOnSnacLibpurpleWaitsFor() throws Exception {
        try (RawOscarConnection c = RawOscarConnection.signOn(emulator.address(), "500001", "x")) {
            ByteBuf online = c.expectSnac(0x0001, 0x0003).body();
            List<Integer> families = new ArrayList<>();
            while (online.isReadable()) {
                families.add(online.readUnsignedShort());
            }
            assertThat(families).contains(0x0001, 0x0002, 0x0003, 0x0004, 0x0009, 0x0013, 0x0015);

            ByteBuf versions = Unpooled.buffer().writeShort(0x0013).writeShort(4).writeShort(0x0001).writeShort(3);
            c.sendSnac(0x0001, 0x0017, 10, versions.copy());
            assertThat(ByteBufUtil.hexDump(c.expectSnac(0x0001, 0x0018).body())).isEqualTo(ByteBufUtil.hexDump(versions));

            c.sendSnac(0x0001, 0x0006, 11, Unpooled.EMPTY_BUFFER);
            ByteBuf rates = c.expectSnac(0x0001, 0x0007).body();
            int classes = rates.readUnsignedShort();
            assertThat(classes).isPositive();
            rates.skipBytes(classes * 35); // extended records: 2 + 7 × 4 + 5 bytes
            assertThat(rates.readUnsignedShort()).as("member group after the extended records").isEqualTo(1);

            c.sendSnac(0x0013, 0x0004, 12, Unpooled.EMPTY_BUFFER);
            RawSnac feedbag = c.expectSnac(0x0013, 0x0006);
            assertThat(feedbag.flags() & 1).isZero();
            assertThat(feedbag.requestId()).isEqualTo(12);

            c.sendSnac(0x0009, 0x0002, 13, Unpooled.EMPTY_BUFFER);
            assertThat(c.expectSnac(0x0009, 0x0003).requestId()).isEqualTo(13);
            c.sendSnac(0x0002, 0x0002, 14, Unpooled.EMPTY_BUFFER);
            assertThat(c.expectSnac(0x0002, 0x0003).requestId()).isEqualTo(14);

            ByteBuf items = Unpooled.buffer();
            items.writeShort(0).writeShort(0).writeShort(0x1234).writeShort(0x0004);
            TlvChain.of(new Tlv(0x00CA, new byte[] {4})).writeLBlock(items);
            items.writeShort(1).writeBytes("1".getBytes(StandardCharsets.US_ASCII)).writeShort(0).writeShort(7)
                    .writeShort(0x0014).writeShort(0);
            c.sendSnac(0x0013, 0x0008, 15, items);
            assertThat(ByteBufUtil.hexDump(c.expectSnac(0x0013, 0x000E).body())).isEqualTo("00000000");

            c.sendSnac(0x0001, 0x0004, 16, Unpooled.buffer().writeShort(0x0018));
            RawSnac error = c.expectSnac(0x0001, 0x0001);
            assertThat(error.requestId()).isEqualTo(16);
            assertThat(error.body().readUnsignedShort()).isEqualTo(0x0005);
        }
    }

    @Test
    void proposalGetsTheVerifiedIpAndLosesAForgedOne() throws Exception {
        try (RawOscarConnection x = RawOscarConnection.signOn(emulator.address(), "500002", "x");
                RawOscarConnection y = RawOscarConnection.signOn(emulator.address(), "500003", "y")) {
            x.expectSnac(0x0001, 0x0003);
            y.expectSnac(0x0001, 0x0003);
            byte[] cookie = "7654321\0".getBytes(StandardCharsets.US_ASCII);
            RendezvousBlock propose = new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE,
                    TlvChain.of(new Tlv(0x0003, new byte[] {10, 1, 2, 3}), new Tlv(0x0004, new byte[] {6, 6, 6, 6}),
                            Tlv.u16(0x0005, 5190), Tlv.u16(0x000A, 1),
                            new Tlv(0x2711, HexFormat.of().parseHex("00010001000000056162630"+"0"))));
            ByteBuf body = Unpooled.buffer();
            new OutgoingIcbm(cookie, 2, "500003", TlvChain.of(Tlv.empty(0x0003),
                    new Tlv(0x0005, propose.toBytes()))).write(body);
            x.sendSnac(0x0004, 0x0006, 42, body);

            RawSnac ack = x.expectSnac(0x0004, 0x000C);
            assertThat(ack.requestId()).isEqualTo(42);
            IncomingIcbm relayed = IncomingIcbm.read(y.expectSnac(0x0004, 0x0007).body());
            assertThat(relayed.sender().screenName()).isEqualTo("500002");
            assertThat(relayed.cookie()).isEqualTo(cookie);
            assertThat(relayed.tlvs().has(0x0003)).as("outer host-ack request is dropped").isFalse();
            RendezvousBlock block = RendezvousBlock.read(relayed.tlvs().bytes(0x0005));
            assertThat(block.tlvs().bytes(0x0003)).containsExactly(10, 1, 2, 3);
            assertThat(block.tlvs().all().stream().filter(t -> t.type() == 0x0004))
                    .singleElement()
                    .satisfies(t -> assertThat(t.value()).containsExactly(127, 0, 0, 1));
            assertThat(block.tlvs().u16(0x0005, -1)).isEqualTo(5190);
            assertThat(HexFormat.of().formatHex(block.tlvs().bytes(0x2711)))
                    .as("libpurple-readable name padding")
                    .isEqualTo("0001000100000005" + "61626300" + "61626300");
        }
    }

    @Test
    void signedOnUsersSeeEachOtherWithCapabilitiesAndSeeThemLeave() throws Exception {
        try (RawOscarConnection x = RawOscarConnection.signOn(emulator.address(), "500007", "x")) {
            x.expectSnac(0x0001, 0x0003);
            x.sendSnac(0x0001, 0x0002, 1, Unpooled.EMPTY_BUFFER);
            RawOscarConnection y = RawOscarConnection.signOn(emulator.address(), "500008", "y");
            y.expectSnac(0x0001, 0x0003);
            y.sendSnac(0x0002, 0x0004, 1, RawOscarConnection.chain(new Tlv(0x0005, Capabilities.SEND_FILE)));
            y.sendSnac(0x0001, 0x0002, 2, Unpooled.EMPTY_BUFFER);

            org.oscartransport.oscar.icbm.UserInfo yArrived =
                    org.oscartransport.oscar.icbm.UserInfo.read(x.expectSnac(0x0003, 0x000B).body());
            assertThat(yArrived.screenName()).isEqualTo("500008");
            assertThat(yArrived.tlvs().bytes(0x000D)).isEqualTo(Capabilities.SEND_FILE);
            assertThat(org.oscartransport.oscar.icbm.UserInfo.read(y.expectSnac(0x0003, 0x000B).body()).screenName())
                    .isEqualTo("500007");

            y.close();
            ByteBuf departed = x.expectSnac(0x0003, 0x000C).body();
            assertThat(departed.readCharSequence(departed.readUnsignedByte(), StandardCharsets.US_ASCII).toString())
                    .isEqualTo("500008");
        }
    }

    @Test
    void clientErrorsAreRelayedUnderTheSendersName() throws Exception {
        try (RawOscarConnection x = RawOscarConnection.signOn(emulator.address(), "500004", "x");
                RawOscarConnection y = RawOscarConnection.signOn(emulator.address(), "500005", "y")) {
            x.expectSnac(0x0001, 0x0003);
            y.expectSnac(0x0001, 0x0003);
            ByteBuf decline = Unpooled.buffer().writeBytes("1111111\0".getBytes(StandardCharsets.US_ASCII))
                    .writeShort(2).writeByte(6).writeBytes("500005".getBytes(StandardCharsets.US_ASCII))
                    .writeShort(3).writeShort(2).writeShort(1);
            x.sendSnac(0x0004, 0x000B, 7, decline);

            ByteBuf relayed = y.expectSnac(0x0004, 0x000B).body();
            assertThat(ByteBufUtil.hexDump(relayed)).isEqualTo(
                    "3131313131313100" + "0002" + "06" + "353030303034" + "0003" + "0002" + "0001");
        }
    }

    @Test
    void messageToSomeoneOfflineGetsNotLoggedOnWithTheRequestId() throws Exception {
        try (RawOscarConnection x = RawOscarConnection.signOn(emulator.address(), "500006", "x")) {
            x.expectSnac(0x0001, 0x0003);
            ByteBuf body = Unpooled.buffer();
            new OutgoingIcbm(new byte[8], 1, "599999", TlvChain.of(Tlv.empty(0x0002))).write(body);
            x.sendSnac(0x0004, 0x0006, 77, body);

            RawSnac error = x.expectSnac(0x0004, 0x0001);
            assertThat(error.requestId()).isEqualTo(77);
            assertThat(error.body().readUnsignedShort()).isEqualTo(0x0004);
        }
    }

    @Test
    void unknownBosCookieIsTurnedAway() throws Exception {
        try (RawOscarConnection c = new RawOscarConnection(emulator.address())) {
            ByteBuf hello = Unpooled.buffer().writeInt(1);
            TlvChain.of(new Tlv(0x0006, new byte[16])).writeChain(hello);
            c.sendFrame(1, hello);
            assertThat(c.readFrame().channel()).isEqualTo(1); // the server hello
            org.assertj.core.api.Assertions.assertThatThrownBy(c::readFrame).isInstanceOf(java.io.EOFException.class);
        }
    }

}
