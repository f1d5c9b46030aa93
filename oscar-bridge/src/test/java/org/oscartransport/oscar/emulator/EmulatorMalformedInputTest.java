package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * Mutated versions of valid client traffic, fed to one emulator connection in random pieces: whatever arrives,
 * no exception escapes the pipeline and no buffer leaks (the leak detector runs at PARANOID).
 */
class EmulatorMalformedInputTest {

    private final EmulatorRegistry registry = new EmulatorRegistry();
    private final IcbmRelay relay = new IcbmRelay(registry);

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                ch.pipeline().addLast(new EmulatorConnectionHandler(Accounts.open(), registry, relay, new Presence(registry)));
            }
        });
    }

    private static byte[] frame(int channel, ByteBuf payload) {
        ByteBuf out = Unpooled.buffer().writeByte(0x2A).writeByte(channel).writeShort(0)
                .writeShort(payload.readableBytes()).writeBytes(payload);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static byte[] snac(int family, int subtype, ByteBuf body) {
        ByteBuf p = Unpooled.buffer().writeShort(family).writeShort(subtype).writeShort(0).writeInt(1).writeBytes(body);
        return frame(2, p);
    }

    private static ByteBuf chain(Tlv... tlvs) {
        ByteBuf b = Unpooled.buffer();
        TlvChain.of(tlvs).writeChain(b);
        return b;
    }

    private List<byte[]> bosTraffic() {
        byte[] cookie = "1234567\0".getBytes(StandardCharsets.US_ASCII);
        RendezvousBlock propose = new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE,
                TlvChain.of(new Tlv(3, new byte[4]), Tlv.u16(5, 1), Tlv.u16(0x0A, 1)));
        ByteBuf icbm = Unpooled.buffer();
        new OutgoingIcbm(cookie, 2, "1", TlvChain.of(Tlv.empty(3), new Tlv(5, propose.toBytes()))).write(icbm);
        ByteBuf feedbagAdd = Unpooled.buffer().writeShort(1).writeByte('a').writeShort(1).writeShort(2)
                .writeShort(0).writeShort(4).writeInt(0x00C80000);
        ByteBuf typing = Unpooled.buffer().writeZero(8).writeShort(1).writeByte(1).writeByte('1').writeShort(2);
        return List.of(
                snac(1, 0x17, Unpooled.buffer().writeInt(0x00010003)),
                snac(1, 0x06, Unpooled.EMPTY_BUFFER),
                snac(0x13, 0x08, feedbagAdd),
                snac(2, 4, chain(new Tlv(5, Capabilities.SEND_FILE))),
                snac(4, 6, icbm),
                snac(4, 0x14, typing),
                frame(5, Unpooled.EMPTY_BUFFER));
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                int i = 6 + random.nextInt(Math.max(1, bytes.length - 6));
                if (i < bytes.length) {
                    bytes[i] = (byte) 0xFF; // a huge length somewhere in the payload
                }
            }
            default -> {
                for (int n = random.nextInt(4); n >= 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }

    private static void feedInPieces(EmbeddedChannel ch, byte[] bytes, Random random) {
        int i = 0;
        while (i < bytes.length && ch.isOpen()) {
            int n = 1 + random.nextInt(bytes.length - i);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, n));
            i += n;
        }
    }

    @Test
    void mutatedLoginTrafficNeverEscapesTheConnection() {
        Random random = new Random(1);
        byte[] hello = frame(1, Unpooled.buffer().writeInt(1));
        byte[] challenge = snac(0x17, 6, chain(Tlv.ascii(1, "123")));
        byte[] login = snac(0x17, 2, chain(Tlv.ascii(1, "123"), new Tlv(0x25, new byte[16])));
        List<byte[]> seeds = List.of(hello, challenge, login);
        for (int round = 0; round < 400; round++) {
            EmbeddedChannel ch = connection();
            for (byte[] seed : seeds) {
                feedInPieces(ch, random.nextInt(3) == 0 ? mutate(seed, random) : seed, random);
            }
            ch.checkException();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void mutatedBosTrafficNeverEscapesTheConnection() {
        Random random = new Random(2);
        int closed = 0;
        for (int round = 0; round < 400; round++) {
            EmbeddedChannel ch = connection();
            ByteBuf hello = Unpooled.buffer().writeInt(1);
            TlvChain.of(new Tlv(6, registry.issueCookie("1"))).writeChain(hello);
            ch.writeInbound(Unpooled.wrappedBuffer(frame(1, hello)));
            for (byte[] seed : bosTraffic()) {
                feedInPieces(ch, random.nextInt(3) == 0 ? mutate(seed, random) : seed, random);
            }
            ch.checkException();
            if (!ch.isOpen()) {
                closed++;
            }
            ch.finishAndReleaseAll();
        }
        assertThat(closed).as("some mutations must be fatal, or the test fed nothing malformed").isPositive();
    }
}
