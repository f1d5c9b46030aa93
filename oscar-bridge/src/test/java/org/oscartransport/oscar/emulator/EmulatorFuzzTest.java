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
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.rendezvous.RendezvousTlvs;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * The emulator's connection handling with the real codecs, fed an arbitrary client byte stream: once on a fresh
 * (login) connection, once on a BOS connection signed on as 10001 while 20002 is online too. Bad input may
 * close the fuzzed connection only: nothing escapes its pipeline, 20002 stays signed on and everything sent to
 * either is well-formed FLAP. What reaches 20002 comes from 10001 and vouches for no address but the one 10001
 * connects from (oscar.md §6.7: only the server adds the verified IP 0x0004).
 */
class EmulatorFuzzTest {

    private static final String PEER = "20002";
    private static final String CLIENT = "10001";
    private static final byte[] CLIENT_IP = {(byte) 192, 0, 2, 7};

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
        Accounts accounts = Accounts.of(java.util.Map.of(CLIENT, "secret", PEER, "secret"));
        EmbeddedChannel peer = connect(accounts, registry, relay);
        signOn(peer, registry, PEER);
        EmbeddedChannel client = connect(accounts, registry, relay);
        if (signedOn) {
            signOn(client, registry, CLIENT);
        }
        drainFlap(client);
        drainPeer(peer);

        int offset = 0;
        for (int i = 0; offset < input.length && client.isOpen(); i++) {
            int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
            client.writeInbound(client.alloc().buffer(n).writeBytes(input, offset, n));
            offset += n;
            drainFlap(client);
            drainPeer(peer);
        }
        client.checkException();
        assertThat(peer.isOpen()).as("bad input from one user leaves another alone").isTrue();
        assertThat(registry.find(PEER)).isNotNull();

        client.close();
        assertThat(client.finishAndReleaseAll()).isFalse();
        assertThat(registry.find(CLIENT)).as("signed off with its connection").isNull();
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
                forEachPayload(out, (channel, payload) -> { });
            } finally {
                out.release();
            }
        }
    }

    /** What the peer got: ICBMs and notices that name 10001 as their sender, proposals without forged IPs. */
    private static void drainPeer(EmbeddedChannel peer) {
        for (ByteBuf out; (out = peer.readOutbound()) != null; ) {
            try {
                forEachPayload(out, (channel, payload) -> {
                    if (channel != FlapFrame.CHANNEL_DATA) {
                        return;
                    }
                    int family = payload.readUnsignedShort();
                    int subtype = payload.readUnsignedShort();
                    payload.skipBytes(6);
                    if (family != Icbm.FAMILY) {
                        return;
                    }
                    if (subtype == Icbm.RECEIVE) {
                        IncomingIcbm icbm = IncomingIcbm.read(payload);
                        assertThat(icbm.sender().screenName()).isEqualTo(CLIENT);
                        for (Tlv outer : icbm.tlvs().all()) {
                            // clients read rendezvous blocks on channel 2 only
                            if (icbm.channel() == Icbm.CHANNEL_RENDEZVOUS && outer.type() == Icbm.TLV_RENDEZVOUS) {
                                assertNoForgedAddress(outer.value());
                            }
                        }
                    } else if (subtype == Icbm.CLIENT_ERROR || subtype == Icbm.TYPING) {
                        payload.skipBytes(10);
                        assertThat(WireReads.str8(payload, "sender")).isEqualTo(CLIENT);
                    }
                });
            } finally {
                out.release();
            }
        }
    }

    private static void assertNoForgedAddress(byte[] rendezvous) {
        RendezvousBlock block;
        try {
            block = RendezvousBlock.read(rendezvous);
        } catch (MalformedDataException e) {
            return; // no client takes addresses from a block it cannot read
        }
        for (Tlv inner : block.tlvs().all()) {
            if (inner.type() == RendezvousTlvs.VERIFIED_IP) {
                assertThat(inner.value()).as("verified IP").isEqualTo(CLIENT_IP);
            }
        }
    }

    private static void forEachPayload(ByteBuf out, java.util.function.BiConsumer<Integer, ByteBuf> check) {
        while (out.isReadable()) {
            assertThat(out.readableBytes()).isGreaterThanOrEqualTo(FlapFrame.HEADER_LENGTH);
            assertThat(out.readUnsignedByte()).isEqualTo((short) FlapFrame.MARKER);
            int channel = out.readUnsignedByte();
            out.skipBytes(2);
            int length = out.readUnsignedShort();
            assertThat(out.readableBytes()).isGreaterThanOrEqualTo(length);
            check.accept(channel, out.readSlice(length));
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
