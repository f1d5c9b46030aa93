package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.icbm.ImText;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.RecordingListener;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** An IM stored for an offline user reaches our client at its next sign-on, with its send time (§5.7). */
class OfflineMessageClientTest {

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
    void ourClientCanAskForStorageToo() throws Exception {
        OscarClient client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        OscarSession sender = client.login("530011", "pw", new RecordingListener()).get(10, TimeUnit.SECONDS);
        sender.sendMessage("530012", "kept for you", true).get(10, TimeUnit.SECONDS);
        sender.close();
        RecordingListener events = new RecordingListener();
        OscarSession recipient = client.login("530012", "pw", events).get(10, TimeUnit.SECONDS);
        try {
            assertThat(next(events.offline).text()).isEqualTo("kept for you");
        } finally {
            recipient.close();
        }
    }

    @Test
    void storedImArrivesAsOfflineMessageWithItsSendTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (RawOscarConnection sender = RawOscarConnection.signOn(emulator.address(), "530001", "x")) {
            sender.expectSnac(0x0001, 0x0003);
            ByteBuf data = Unpooled.buffer();
            ImText.write(data, "while you were out");
            byte[] bytes = new byte[data.readableBytes()];
            data.readBytes(bytes);
            ByteBuf body = Unpooled.buffer();
            new OutgoingIcbm("12345678".getBytes(), 1, "530002",
                    TlvChain.of(new Tlv(0x0002, bytes), Tlv.empty(0x0006), Tlv.empty(0x0003))).write(body);
            sender.sendSnac(0x0004, 0x0006, 5, body);
            sender.expectSnac(0x0004, 0x000C); // host ack: stored
        }
        OscarClient client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        RecordingListener events = new RecordingListener();
        OscarSession session = client.login("530002", "pw", events).get(10, TimeUnit.SECONDS);
        try {
            RecordingListener.OfflineMessage got = next(events.offline);
            assertThat(got.from()).isEqualTo("530001");
            assertThat(got.text()).isEqualTo("while you were out");
            assertThat(got.sent()).isBetween(before, Instant.now());
        } finally {
            session.close();
        }
    }
}
