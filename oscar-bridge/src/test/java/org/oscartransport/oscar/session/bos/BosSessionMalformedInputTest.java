package org.oscartransport.oscar.session.bos;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.FileServiceData;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.RecordingListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** Mutated server traffic against the client session: no exception escapes, nothing leaks. */
class BosSessionMalformedInputTest {

    private static EmbeddedChannel session() {
        BosSession session = new BosSession("100", new byte[] {1}, new RecordingListener(),
                new OscarClientConfig(new InetSocketAddress("127.0.0.1", 1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), true, Duration.ofSeconds(1)),
                SocketTransport.NIO, (Executor) Runnable::run);
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                session.install(ch.pipeline());
            }
        });
    }

    private static byte[] snac(int family, int subtype, ByteBuf body) {
        ByteBuf out = Unpooled.buffer().writeByte(0x2A).writeByte(2).writeShort(0)
                .writeShort(10 + body.readableBytes())
                .writeShort(family).writeShort(subtype).writeShort(0).writeInt(1).writeBytes(body);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static List<byte[]> serverTraffic() {
        byte[] cookie = "1234567\0".getBytes(StandardCharsets.US_ASCII);
        RendezvousBlock propose = new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE,
                TlvChain.of(new Tlv(4, new byte[] {1, 2, 3, 4}), Tlv.u16(5, 1),
                        new Tlv(0x2711, new FileServiceData(1, 1, 9, "x").encode())));
        ByteBuf icbm = Unpooled.buffer().writeBytes(cookie).writeShort(2);
        new UserInfo("200", 0, TlvChain.of(Tlv.u16(1, 0x50))).write(icbm);
        TlvChain.of(new Tlv(5, propose.toBytes())).writeChain(icbm);
        ByteBuf im = Unpooled.buffer().writeBytes(cookie).writeShort(1);
        new UserInfo("200", 0, TlvChain.empty()).write(im);
        TlvChain.of(new Tlv(2, new byte[] {5, 1, 0, 1, 1, 1, 1, 0, 6, 0, 0, 0, 0, 'h', 'i'})).writeChain(im);
        return List.of(
                snac(1, 3, Unpooled.buffer().writeShort(1).writeShort(4).writeShort(0x13)),
                snac(1, 0x18, Unpooled.EMPTY_BUFFER),
                snac(1, 7, Unpooled.buffer().writeShort(1).writeShort(1).writeZero(33).writeShort(1).writeShort(0)),
                snac(0x13, 6, Unpooled.buffer().writeByte(0).writeShort(0).writeInt(0)),
                snac(4, 7, icbm),
                snac(4, 7, im),
                snac(4, 1, Unpooled.buffer().writeShort(4)),
                snac(4, 0x0B, Unpooled.buffer().writeBytes(cookie).writeShort(2).writeByte(3).writeBytes(new byte[] {'2', '0', '0'})
                        .writeShort(3)));
    }

    @Test
    void mutatedServerTrafficNeverEscapesTheSession() {
        Random random = new Random(3);
        for (int round = 0; round < 400; round++) {
            EmbeddedChannel ch = session();
            for (byte[] seed : serverTraffic()) {
                byte[] bytes = seed.clone();
                if (random.nextInt(3) == 0) {
                    for (int n = random.nextInt(3); n >= 0; n--) {
                        bytes[6 + random.nextInt(bytes.length - 6)] = (byte) random.nextInt(256);
                    }
                }
                if (ch.isOpen()) {
                    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
                }
            }
            ch.runPendingTasks();
            ch.checkException();
            ch.finishAndReleaseAll();
        }
    }
}
