package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.proxy.ArsFrame;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.session.SocketTransport;

/** The emulated rendezvous proxy, driven by plain blocking sockets. */
class RendezvousProxyEmulatorTest {

    private static final byte[] COOKIE = "7654321\0".getBytes(StandardCharsets.US_ASCII);

    private static EventLoopGroup group;
    private static RendezvousProxyEmulator proxy;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        proxy = RendezvousProxyEmulator.start(group, new InetSocketAddress("127.0.0.1", 0),
                new RendezvousProxyEmulator.Timeouts(Duration.ofMillis(500), Duration.ofSeconds(2)),
                SocketTransport.NIO);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(proxy.address(), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(Socket s, ArsFrame frame) throws IOException {
        ByteBuf buf = frame.encode(ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            s.getOutputStream().write(bytes);
        } finally {
            buf.release();
        }
    }

    private static ArsFrame receive(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int length = in.readUnsignedShort();
        byte[] rest = new byte[length];
        in.readFully(rest);
        return ArsFrame.read(Unpooled.buffer().writeShort(length).writeBytes(rest));
    }

    private static void assertClosed(Socket s) throws IOException {
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void creatorAndJoinerGetReadyAndAPipeBothWays() throws Exception {
        try (Socket creator = connect(); Socket joiner = connect()) {
            send(creator, ArsFrame.initSend("100", COOKIE, Capabilities.SEND_FILE));
            ArsFrame ack = receive(creator);
            assertThat(ack.command()).isEqualTo(ArsFrame.ACK);
            assertThat(ack.flags()).isEqualTo(ArsFrame.SERVER_FLAGS);
            assertThat(ack.ackIp()).containsExactly(127, 0, 0, 1);

            send(joiner, ArsFrame.initRecv("200", ack.ackPin(), COOKIE, Capabilities.SEND_FILE));
            assertThat(receive(joiner).command()).isEqualTo(ArsFrame.READY);
            assertThat(receive(creator).command()).isEqualTo(ArsFrame.READY);

            byte[] big = new byte[2 * 1024 * 1024];
            new Random(1).nextBytes(big);
            Thread writer = new Thread(() -> {
                try {
                    joiner.getOutputStream().write(big);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            byte[] got = new byte[big.length];
            new DataInputStream(creator.getInputStream()).readFully(got);
            writer.join(5000);
            assertThat(got).isEqualTo(big);

            OutputStream back = creator.getOutputStream();
            back.write("ack".getBytes(StandardCharsets.US_ASCII));
            byte[] three = new byte[3];
            new DataInputStream(joiner.getInputStream()).readFully(three);
            assertThat(new String(three, StandardCharsets.US_ASCII)).isEqualTo("ack");

            creator.close();
            assertClosed(joiner);
        }
    }

    @Test
    void aJoinerWithTheWrongCookieGetsBadRequestAndTheSessionStaysOpen() throws Exception {
        try (Socket creator = connect(); Socket intruder = connect(); Socket joiner = connect()) {
            send(creator, ArsFrame.initSend("100", COOKIE, Capabilities.SEND_FILE));
            int pin = receive(creator).ackPin();

            send(intruder, ArsFrame.initRecv("666", pin, "wrong!!\0".getBytes(StandardCharsets.US_ASCII),
                    Capabilities.SEND_FILE));
            ArsFrame error = receive(intruder);
            assertThat(error.command()).isEqualTo(ArsFrame.ERROR);
            assertThat(error.errorCode()).isEqualTo(ArsFrame.ERROR_BAD_REQUEST);
            assertClosed(intruder);

            send(joiner, ArsFrame.initRecv("200", pin, COOKIE, Capabilities.SEND_FILE));
            assertThat(receive(joiner).command()).isEqualTo(ArsFrame.READY);
        }
    }

    @Test
    void anUnknownPinGetsBadRequest() throws Exception {
        try (Socket joiner = connect()) {
            send(joiner, ArsFrame.initRecv("200", 0, COOKIE, Capabilities.SEND_FILE));
            assertThat(receive(joiner).errorCode()).isEqualTo(ArsFrame.ERROR_BAD_REQUEST);
            assertClosed(joiner);
        }
    }

    @Test
    void anUnjoinedSessionTimesOut() throws Exception {
        try (Socket creator = connect()) {
            send(creator, ArsFrame.initSend("100", COOKIE, Capabilities.SEND_FILE));
            int pin = receive(creator).ackPin();
            assertThat(receive(creator).errorCode()).isEqualTo(ArsFrame.ERROR_ACCEPT_TIMEOUT);
            assertClosed(creator);
            try (Socket late = connect()) {
                send(late, ArsFrame.initRecv("200", pin, COOKIE, Capabilities.SEND_FILE));
                assertThat(receive(late).errorCode()).isEqualTo(ArsFrame.ERROR_BAD_REQUEST);
            }
        }
    }

    @Test
    void aSilentConnectionTimesOut() throws Exception {
        try (Socket silent = connect()) {
            assertThat(receive(silent).errorCode()).isEqualTo(ArsFrame.ERROR_INITIAL_TIMEOUT);
            assertClosed(silent);
        }
    }

    @Test
    void aFrameOfAnotherProtocolGetsMalformed() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[] {0, 10, 0x2A, 0x01, 0, 1, 0, 0, 0, 0, 0, 0});
            assertThat(receive(s).errorCode()).isEqualTo(ArsFrame.ERROR_MALFORMED);
            assertClosed(s);
        }
    }
}
