package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.rendezvous.RendezvousTlvs;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
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
        run(data, true, EmulatorOptions.DEFAULT_RATE_CLASSES);
    }

    /**
     * The same on an emulator that enforces a tight class on IMs, typing and the rate request itself, so that a
     * burst of input walks through warning, refusal and disconnection. Rate notices sent to the client must
     * read as rate changes of that class.
     */
    @FuzzTest
    void bosConnectionRateLimited(FuzzedDataProvider data) {
        run(data, true, TIGHT);
    }

    /** Window 2: every SNAC sent at once halves the level; alert, limit and disconnect are a few SNACs away. */
    private static final RateClasses TIGHT = new RateClasses(
            List.of(new RateClass(3, 2, 700, 600, 400, 100, 1000, 1000, 0, false)),
            Map.of(3, List.of(RateClasses.member(4, 6), RateClasses.member(4, 0x14), RateClasses.member(1, 6))));

    private static void run(FuzzedDataProvider data, boolean signedOn) {
        run(data, signedOn, EmulatorOptions.DEFAULT_RATE_CLASSES);
    }

    private static void run(FuzzedDataProvider data, boolean signedOn, RateClasses rateClasses) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 500);
        }
        byte[] input = data.consumeRemainingAsBytes();

        EmbeddedEmulator emulator = new EmbeddedEmulator(Accounts.of(Map.of(CLIENT, "secret", PEER, "secret")));
        emulator.options().rateClasses(rateClasses);
        EmulatorRegistry registry = emulator.registry;
        EmbeddedChannel peer = emulator.signedOn(PEER);
        EmbeddedChannel client = signedOn ? emulator.signedOn(CLIENT) : emulator.connect();
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

    /** Everything the emulator wrote must be whole FLAP frames; rate notices must read as such. */
    private static void drainFlap(EmbeddedChannel ch) {
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            try {
                forEachPayload(out, (channel, payload) -> {
                    if (channel == FlapFrame.CHANNEL_DATA && payload.readableBytes() >= 10
                            && payload.getUnsignedShort(payload.readerIndex()) == 0x0001
                            && payload.getUnsignedShort(payload.readerIndex() + 2) == RateChange.SUBTYPE) {
                        RateChange change = RateChange.read(payload.skipBytes(10));
                        assertThat(change.classes()).allSatisfy(c -> assertThat(c.id()).isEqualTo(3));
                        assertThat(change.code()).isBetween(RateChange.WARNING, RateChange.CLEAR);
                    }
                });
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
                assertThat(inner.value()).as("verified IP").isEqualTo(EmbeddedEmulator.CLIENT_IP);
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
}
