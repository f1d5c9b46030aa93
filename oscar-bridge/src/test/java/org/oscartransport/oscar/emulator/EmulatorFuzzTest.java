package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * The emulator's connection handling with the real codecs, fed an arbitrary client byte stream: once on a fresh
 * (login) connection, once on a BOS connection signed on as 10001 while 20002 is online too. Bad input may
 * close the fuzzed connection only: nothing escapes its pipeline, 20002 stays signed on and everything sent to
 * either is well-formed FLAP.
 */
class EmulatorFuzzTest {

    private static final String PEER = "20002";

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void loginConnection(FuzzedDataProvider data) {
        run(data, false);
    }

    @FuzzTest
    void bosConnection(FuzzedDataProvider data) {
        run(data, true);
    }

    private static void run(FuzzedDataProvider data, boolean signedOn) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 500);
        }
        byte[] input = data.consumeRemainingAsBytes();

        EmulatorRegistry registry = new EmulatorRegistry();
        IcbmRelay relay = new IcbmRelay(registry);
        Accounts accounts = Accounts.of(java.util.Map.of("10001", "secret", PEER, "secret"));
        EmbeddedChannel peer = connect(accounts, registry, relay);
        signOn(peer, registry, PEER);
        EmbeddedChannel client = connect(accounts, registry, relay);
        if (signedOn) {
            signOn(client, registry, "10001");
        }
        drainFlap(client);
        drainFlap(peer);

        int offset = 0;
        for (int i = 0; offset < input.length && client.isOpen(); i++) {
            int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
            client.writeInbound(client.alloc().buffer(n).writeBytes(input, offset, n));
            offset += n;
            drainFlap(client);
            drainFlap(peer);
        }
        client.checkException();
        assertThat(peer.isOpen()).as("bad input from one user leaves another alone").isTrue();
        assertThat(registry.find(PEER)).isNotNull();

        client.close();
        assertThat(client.finishAndReleaseAll()).isFalse();
        assertThat(registry.find("10001")).as("signed off with its connection").isNull();
        peer.close();
        peer.finishAndReleaseAll();
    }

    /** An emulator connection as {@link OscarEmulator} builds it, from 192.0.2.7 so verified IPs get added. */
    private static EmbeddedChannel connect(Accounts accounts, EmulatorRegistry registry, IcbmRelay relay) {
        return new InetEmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                ch.pipeline().addLast(new EmulatorConnectionHandler(accounts, registry, relay));
            }
        });
    }

    private static void signOn(EmbeddedChannel ch, EmulatorRegistry registry, String uin) {
        ByteBuf payload = ch.alloc().buffer().writeInt(1);
        TlvChain.of(new Tlv(0x0006, registry.issueCookie(uin))).writeChain(payload);
        ByteBuf frame = ch.alloc().buffer().writeByte(FlapFrame.MARKER).writeByte(FlapFrame.CHANNEL_SIGNON)
                .writeShort(0).writeShort(payload.readableBytes()).writeBytes(payload);
        payload.release();
        ch.writeInbound(frame);
        assertThat(registry.find(uin)).isNotNull();
    }

    /** Everything the emulator wrote must be whole FLAP frames. */
    private static void drainFlap(EmbeddedChannel ch) {
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            try {
                while (out.isReadable()) {
                    assertThat(out.readableBytes()).isGreaterThanOrEqualTo(FlapFrame.HEADER_LENGTH);
                    assertThat(out.readUnsignedByte()).isEqualTo((short) FlapFrame.MARKER);
                    out.skipBytes(3);
                    int length = out.readUnsignedShort();
                    assertThat(out.readableBytes()).isGreaterThanOrEqualTo(length);
                    out.skipBytes(length);
                }
            } finally {
                out.release();
            }
        }
    }

    /** EmbeddedChannel with IP addresses, which the login reply and the verified-IP rewrite need. */
    private static final class InetEmbeddedChannel extends EmbeddedChannel {
        InetEmbeddedChannel(io.netty.channel.ChannelHandler handler) {
            super(handler);
        }

        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress("127.0.0.1", 5190);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("192.0.2.7", 40000);
        }
    }
}
