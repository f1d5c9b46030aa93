package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.RawOscarConnection.Frame;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** A client that ignores the announced rates is warned, refused and finally disconnected, as by real servers. */
class EmulatorRateLimitTest {

    /** IMs in class 2 (window 10): at once, the 34th falls below the limit (30) and the 44th below disconnect (10). */
    private static final RateClasses TIGHT = new RateClasses(List.of(
            new RateClass(1, 80, 2500, 2000, 1500, 800, 6000, 6000, 0, false),
            new RateClass(2, 10, 150, 100, 30, 10, 1000, 1000, 0, false)),
            Map.of(2, List.of(RateClasses.member(0x0004, 0x0006))));

    private static EventLoopGroup group;
    private static OscarEmulator emulator;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        emulator.options().rateClasses(TIGHT);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private record Seen(int family, int subtype, long requestId, int code) {}

    @Test
    void aClientThatFloodsImsIsWarnedThenRefusedWithRateErrorsThenDisconnected() throws Exception {
        List<Seen> seen = new ArrayList<>();
        try (RawOscarConnection c = RawOscarConnection.signOn(emulator.address(), "730001", "x")) {
            c.expectSnac(0x0001, 0x0003);
            c.sendSnac(0x0001, 0x0006, 1, Unpooled.EMPTY_BUFFER);
            assertThat(RateClasses.read(c.expectSnac(0x0001, 0x0007).body())).isEqualTo(TIGHT);
            c.sendSnac(0x0001, 0x0008, 2, Unpooled.buffer().writeShort(1).writeShort(2));

            try {
                for (int id = 100; id < 180; id++) {
                    c.sendSnac(0x0004, 0x0006, id, im("730099", "flood " + id));
                }
            } catch (SocketException closedWhileWriting) {
                // the emulator may hang up before we are done: that is the point
            }
            readUntilClosed(c, seen);
        }

        List<Integer> notices = seen.stream().filter(s -> s.family() == 0x0001 && s.subtype() == 0x000A)
                .map(Seen::code).toList();
        assertThat(notices).containsSubsequence(RateChange.WARNING, RateChange.LIMITED);
        List<Seen> icbmErrors = seen.stream().filter(s -> s.family() == 0x0004 && s.subtype() == 0x0001).toList();
        assertThat(icbmErrors).extracting(Seen::code).contains(0x0004, 0x0002); // offline first, then rate limited
        assertThat(icbmErrors).filteredOn(s -> s.code() == 0x0002).extracting(Seen::requestId)
                .allMatch(id -> id >= 100 && id < 180);
        assertThat(emulator.rateViolations("730001")).isPositive(); // and readUntilClosed saw the server hang up
    }

    /** Reads every SNAC until the server closes the connection; a timeout here means it never did. */
    private static void readUntilClosed(RawOscarConnection c, List<Seen> seen) throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = c.readFrame();
            } catch (EOFException | SocketException closed) {
                return;
            }
            if (frame.channel() != 2) {
                continue;
            }
            ByteBuf p = frame.payload();
            int family = p.readUnsignedShort();
            int subtype = p.readUnsignedShort();
            p.skipBytes(2);
            long requestId = p.readUnsignedInt();
            int code = p.readableBytes() >= 2 ? p.readUnsignedShort() : -1;
            seen.add(new Seen(family, subtype, requestId, code));
        }
    }

    private static ByteBuf im(String to, String text) {
        ByteBuf data = Unpooled.buffer();
        data.writeBytes(new byte[] {5, 1, 0, 1, 1, 1, 1});
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        data.writeShort(4 + bytes.length).writeShort(0).writeShort(0).writeBytes(bytes);
        byte[] value = new byte[data.readableBytes()];
        data.readBytes(value);
        ByteBuf body = Unpooled.buffer();
        new OutgoingIcbm("1234567\0".getBytes(StandardCharsets.US_ASCII), 1, to,
                TlvChain.of(new Tlv(0x0002, value))).write(body);
        return body;
    }
}
