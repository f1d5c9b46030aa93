package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.rendezvous.RendezvousTlvs;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** Only the server vouches for an address (oscar.md §6.7): a verified IP (0x0004) from a client never gets through. */
class VerifiedIpRelayTest {

    private static final byte[] COOKIE = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final Tlv FORGED = new Tlv(RendezvousTlvs.VERIFIED_IP, new byte[] {6, 6, 6, 6});
    private static final Tlv OWN_IP = new Tlv(RendezvousTlvs.CLIENT_IP, new byte[] {10, 0, 0, 1});
    private static final Tlv PORT = Tlv.u16(RendezvousTlvs.PORT, 5190);

    private final EmbeddedEmulator emulator = new EmbeddedEmulator(Accounts.of(Map.of("10001", "a", "20002", "b")));
    private final EmbeddedChannel receiver = emulator.signedOn("20002");
    private final EmbeddedChannel sender = emulator.signedOn("10001");

    @AfterEach
    void close() {
        sender.finishAndReleaseAll();
        receiver.finishAndReleaseAll();
    }

    @Test
    void proposalWithItsOwnIpGetsTheServersVerifiedIpInsteadOfTheForgedOne() {
        List<List<byte[]>> got = relay(block(RendezvousBlock.PROPOSE, OWN_IP, FORGED, PORT));
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).containsExactly(EmbeddedEmulator.CLIENT_IP);
    }

    @Test
    void proposalWithoutItsOwnIpLosesTheForgedVerifiedIp() {
        assertThat(relay(block(RendezvousBlock.PROPOSE, FORGED, PORT))).containsExactly(List.of());
    }

    @Test
    void everyRendezvousBlockOfTheMessageIsChecked() {
        List<List<byte[]>> got = relay(block(RendezvousBlock.PROPOSE, OWN_IP, PORT),
                block(RendezvousBlock.PROPOSE, FORGED, PORT));
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).containsExactly(EmbeddedEmulator.CLIENT_IP);
        assertThat(got.get(1)).isEmpty();
    }

    private static Tlv block(int type, Tlv... inner) {
        byte[] value = new RendezvousBlock(type, COOKIE, Capabilities.SEND_FILE, TlvChain.of(inner)).toBytes();
        return new Tlv(Icbm.TLV_RENDEZVOUS, value);
    }

    /** Sends a channel-2 ICBM from 10001 to 20002; returns the 0x0004 values of each block 20002 got. */
    private List<List<byte[]>> relay(Tlv... outer) {
        receiver.outboundMessages().forEach(io.netty.util.ReferenceCountUtil::release);
        receiver.outboundMessages().clear();
        ByteBuf snac = sender.alloc().buffer();
        snac.writeShort(Icbm.FAMILY).writeShort(Icbm.SEND).writeShort(0).writeInt(7);
        new OutgoingIcbm(COOKIE, Icbm.CHANNEL_RENDEZVOUS, "20002", TlvChain.of(outer)).write(snac);
        sender.writeInbound(EmbeddedEmulator.flap(sender, FlapFrame.CHANNEL_DATA, snac));

        ByteBuf frame = receiver.readOutbound();
        try {
            frame.skipBytes(FlapFrame.HEADER_LENGTH);
            assertThat(frame.readUnsignedShort()).isEqualTo(Icbm.FAMILY);
            assertThat(frame.readUnsignedShort()).isEqualTo(Icbm.RECEIVE);
            frame.skipBytes(6);
            IncomingIcbm icbm = IncomingIcbm.read(frame);
            List<List<byte[]>> verified = new ArrayList<>();
            for (Tlv tlv : icbm.tlvs().all()) {
                if (tlv.type() == Icbm.TLV_RENDEZVOUS) {
                    verified.add(RendezvousBlock.read(tlv.value()).tlvs().all().stream()
                            .filter(t -> t.type() == RendezvousTlvs.VERIFIED_IP).map(Tlv::value).toList());
                }
            }
            return verified;
        } finally {
            frame.release();
        }
    }
}
