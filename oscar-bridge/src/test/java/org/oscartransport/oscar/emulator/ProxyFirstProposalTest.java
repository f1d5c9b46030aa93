package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.oft.OftChecksum;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.oft.OftHeader;
import org.oscartransport.oscar.oft.OftHeaderCodec;
import org.oscartransport.oscar.proxy.ArsFrame;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.FileServiceData;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * A sender that starts at the proxy (libpurple's "always use proxy", §6.8): its first proposal already carries
 * 0x0010, the proxy IP and a pin. Our receiver joins, sends ACCEPT after READY and takes the file. The sender is
 * played byte by byte over blocking sockets.
 */
class ProxyFirstProposalTest {

    private static final byte[] COOKIE = "5550001\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "hello over the proxy".getBytes(StandardCharsets.US_ASCII);

    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static RendezvousProxyEmulator proxy;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        proxy = RendezvousProxyEmulator.start(group, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class CollectingSink implements OftDataSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();

        @Override
        public void onStart(Channel dataChannel, long size) {}

        @Override
        public void onData(ByteBuf data) {
            try {
                byte[] b = new byte[data.readableBytes()];
                data.readBytes(b);
                bytes.writeBytes(b);
            } finally {
                data.release();
            }
        }

        @Override
        public void onComplete() {
            done.complete(bytes.toByteArray());
        }

        @Override
        public void onFailure(Throwable cause) {
            done.completeExceptionally(cause);
        }
    }

    private static void write(Socket s, ByteBuf buf) throws IOException {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            s.getOutputStream().write(bytes);
        } finally {
            buf.release();
        }
    }

    private static ArsFrame readArs(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] rest = new byte[length];
        in.readFully(rest);
        return ArsFrame.read(Unpooled.wrappedBuffer(Unpooled.copyShort(length), Unpooled.wrappedBuffer(rest)));
    }

    private static OftHeader readOft(DataInputStream in) throws IOException {
        byte[] prefix = new byte[6];
        in.readFully(prefix);
        int length = ((prefix[4] & 0xFF) << 8) | (prefix[5] & 0xFF);
        byte[] rest = new byte[length - 6];
        in.readFully(rest);
        return OftHeaderCodec.decode(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(prefix), Unpooled.wrappedBuffer(rest)));
    }

    @Test
    void theReceiverJoinsTheSendersProxySessionAndSendsAccept() throws Exception {
        InetSocketAddress at = proxy.address();
        OscarClientConfig config = new OscarClientConfig(emulator.address(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), true, Duration.ofSeconds(30)).withProxy(at, at.getPort());
        BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
        OscarSession receiver = new OscarClient(group, config).login("430002", "pw", new OscarSessionListener() {
            @Override
            public void onFileOffer(IncomingFileOffer offer) {
                offers.add(offer);
            }
        }).get(10, TimeUnit.SECONDS);

        try (RawOscarConnection sender = RawOscarConnection.signOn(emulator.address(), "430001", "pw");
                Socket ars = new Socket()) {
            ars.connect(at, 2000);
            ars.setSoTimeout(5000);
            DataInputStream arsIn = new DataInputStream(ars.getInputStream());
            write(ars, ArsFrame.initSend("430001", COOKIE, Capabilities.SEND_FILE).encode(ByteBufAllocator.DEFAULT));
            ArsFrame ack = readArs(arsIn);

            TlvChain tlvs = TlvChain.of(new Tlv(0x0002, ack.ackIp()), new Tlv(0x0003, ack.ackIp()),
                    Tlv.u16(0x0005, ack.ackPin()), Tlv.u16(0x000A, 1), Tlv.empty(0x000F), Tlv.empty(0x0010),
                    new Tlv(0x2711, new FileServiceData(1, 1, DATA.length, "p.txt").encode()));
            RendezvousBlock propose = new RendezvousBlock(RendezvousBlock.PROPOSE, COOKIE, Capabilities.SEND_FILE, tlvs);
            ByteBuf icbm = Unpooled.buffer();
            new OutgoingIcbm(COOKIE, 2, "430002", TlvChain.of(new Tlv(0x0005, propose.toBytes()))).write(icbm);
            sender.sendSnac(4, 6, 1, icbm);

            IncomingFileOffer offer = offers.poll(10, TimeUnit.SECONDS);
            assertThat(offer).isNotNull();
            assertThat(offer.directAddress()).isNull();
            CollectingSink sink = new CollectingSink();
            offer.accept(sink);

            assertThat(readArs(arsIn).command()).isEqualTo(ArsFrame.READY);
            RawOscarConnection.RawSnac accept = sender.expectSnac(4, 7);
            ByteBuf body = accept.body();
            body.skipBytes(8 + 2);
            body.skipBytes(body.readUnsignedByte() + 2); // user info: name, warning level
            int userTlvs = body.readUnsignedShort();
            for (int i = 0; i < userTlvs; i++) {
                body.skipBytes(2);
                body.skipBytes(body.readUnsignedShort());
            }
            TlvChain outer = TlvChain.readChain(body);
            assertThat(RendezvousBlock.read(outer.bytes(0x0005)).type()).as("the joiner sends ACCEPT")
                    .isEqualTo(RendezvousBlock.ACCEPT);

            write(ars, OftHeaderCodec.encode(OftHeader.prompt(COOKIE, "p.txt", DATA.length,
                    OftChecksum.of(Unpooled.wrappedBuffer(DATA))), ByteBufAllocator.DEFAULT));
            assertThat(readOft(arsIn).type()).isEqualTo(0x0202);
            ars.getOutputStream().write(DATA);
            OftHeader done = readOft(arsIn);
            assertThat(done.type()).isEqualTo(0x0204);
            assertThat(sink.done.get(5, TimeUnit.SECONDS)).isEqualTo(DATA);
        } finally {
            receiver.close();
        }
    }
}
