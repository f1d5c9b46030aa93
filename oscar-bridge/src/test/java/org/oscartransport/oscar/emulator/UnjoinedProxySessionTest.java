package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * Our sender creates a proxy session because the receiver's reverse proposal has no verified address, but the
 * receiver (played byte by byte) never joins: the proxy's ERROR 0x001A fails the send and a CANCEL goes out.
 */
class UnjoinedProxySessionTest {

    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static RendezvousProxyEmulator proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        proxy = RendezvousProxyEmulator.start(group, new InetSocketAddress("127.0.0.1", 0),
                new RendezvousProxyEmulator.Timeouts(Duration.ofMillis(500), Duration.ofSeconds(5)),
                SocketTransport.NIO);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The rendezvous block of a relayed channel-2 ICBM (0004/0007). */
    private static RendezvousBlock rendezvousOf(RawOscarConnection.RawSnac snac) {
        ByteBuf body = snac.body();
        body.skipBytes(8 + 2);
        body.skipBytes(body.readUnsignedByte() + 2);
        int userTlvs = body.readUnsignedShort();
        for (int i = 0; i < userTlvs; i++) {
            body.skipBytes(2);
            body.skipBytes(body.readUnsignedShort());
        }
        return RendezvousBlock.read(TlvChain.readChain(body).bytes(0x0005));
    }

    @Test
    void aSessionNobodyJoinsFailsTheSendAndCancels() throws Exception {
        InetSocketAddress at = proxy.address();
        OscarClientConfig config = new OscarClientConfig(emulator.address(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), true, Duration.ofSeconds(30)).withProxy(at, at.getPort());
        OscarSession sender = new OscarClient(group, config).login("440001", "pw", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        try (RawOscarConnection receiver = RawOscarConnection.signOn(emulator.address(), "440002", "pw")) {
            receiver.expectSnac(0x0001, 0x0003); // host online: the emulator now routes ICBMs to this connection
            CompletableFuture<Void> sent = sender.sendFile("440002",
                    Files.write(dir.resolve("u.bin"), new byte[] {1, 2, 3}));
            RendezvousBlock first = rendezvousOf(receiver.expectSnac(4, 7));
            byte[] cookie = first.cookie();

            // "connect to me" without 0x0003: the server adds no verified IP, so the sender goes to the proxy
            TlvChain reverse = TlvChain.of(new Tlv(0x0002, new byte[] {127, 0, 0, 1}), Tlv.u16(0x0005, 9),
                    Tlv.u16(0x000A, 2), Tlv.empty(0x000F));
            ByteBuf icbm = Unpooled.buffer();
            new OutgoingIcbm(cookie, 2, "440001", TlvChain.of(new Tlv(0x0005,
                    new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE, reverse).toBytes())))
                    .write(icbm);
            receiver.sendSnac(4, 6, 1, icbm);

            RendezvousBlock proxyProposal = rendezvousOf(receiver.expectSnac(4, 7));
            assertThat(proxyProposal.tlvs().has(0x0010)).isTrue();
            assertThat(proxyProposal.tlvs().u16(0x000A, 0)).isEqualTo(3);
            assertThat(proxyProposal.tlvs().has(0x2711)).as("the sender repeats the service data").isTrue();

            try {
                sent.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the send succeeded");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("0x001A");
            }
            assertThat(rendezvousOf(receiver.expectSnac(4, 7)).type()).isEqualTo(RendezvousBlock.CANCEL);
        } finally {
            sender.close();
        }
    }
}
