package org.oscartransport.oscar.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

class RendezvousBlockTest {

    private static final byte[] COOKIE = "1234567\0".getBytes(StandardCharsets.US_ASCII);

    @Test
    void proposeRoundTripsByteForByte() {
        TlvChain tlvs = TlvChain.of(
                new Tlv(RendezvousTlvs.RENDEZVOUS_IP, new byte[] {10, 0, 0, 1}),
                new Tlv(RendezvousTlvs.CLIENT_IP, new byte[] {10, 0, 0, 1}),
                Tlv.u16(RendezvousTlvs.PORT, 5190),
                Tlv.u16(RendezvousTlvs.SEQUENCE, 1),
                Tlv.empty(RendezvousTlvs.HOST_CHECK),
                new Tlv(RendezvousTlvs.SERVICE_DATA, new FileServiceData(1, 1, 5, "a.txt").encode()),
                Tlv.ascii(RendezvousTlvs.SERVICE_DATA_CHARSET, "utf-8"));
        RendezvousBlock block = new RendezvousBlock(RendezvousBlock.PROPOSE, COOKIE, Capabilities.SEND_FILE, tlvs);

        byte[] bytes = block.toBytes();
        String expected = "0000" + "3132333435363700" + "094613434c7f11d18222444553540000"
                + "000200040a000001" + "000300040a000001" + "00050002" + "1446" + "000a00020001" + "000f0000"
                + "27110014" + "0001000100000005" + "612e74787400612e74787400"
                + "27120005" + "7574662d38";
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);

        RendezvousBlock back = RendezvousBlock.read(bytes);
        assertThat(back.type()).isEqualTo(RendezvousBlock.PROPOSE);
        assertThat(back.cookie()).isEqualTo(COOKIE);
        assertThat(back.isSendFile()).isTrue();
        assertThat(back.tlvs().all()).isEqualTo(tlvs.all());
        assertThat(back.toBytes()).isEqualTo(bytes);
    }

    @Test
    void acceptHasNoTlvsAndIs26BytesLong() {
        byte[] bytes = RendezvousBlock.accept(COOKIE, Capabilities.SEND_FILE).toBytes();
        assertThat(bytes).hasSize(26);
        assertThat(bytes[0]).isZero();
        assertThat(bytes[1]).isEqualTo((byte) 2);
    }

    @Test
    void cancelCarriesReasonOne() {
        RendezvousBlock cancel = RendezvousBlock.read(RendezvousBlock.cancel(COOKIE, Capabilities.SEND_FILE).toBytes());
        assertThat(cancel.type()).isEqualTo(RendezvousBlock.CANCEL);
        assertThat(cancel.tlvs().u16(RendezvousTlvs.CANCEL_REASON, -1)).isEqualTo(1);
    }

    @Test
    void aTimeoutCancelCarriesReasonTwoOnTheWire() {
        byte[] bytes = RendezvousBlock.cancel(COOKIE, Capabilities.SEND_FILE, CancelReason.TIMEOUT).toBytes();
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("0001" + "3132333435363700" + "094613434c7f11d18222444553540000" + "000b00020002");
        assertThat(RendezvousBlock.read(bytes).cancelReason()).isEqualTo(CancelReason.TIMEOUT);
    }

    @Test
    void aCancelWithoutReasonIsTheUsersChoiceAsMirandaSendsIt() {
        RendezvousBlock miranda = new RendezvousBlock(RendezvousBlock.CANCEL, COOKIE, Capabilities.SEND_FILE,
                TlvChain.empty());
        assertThat(miranda.cancelReason()).isEqualTo(CancelReason.USER);
        assertThat(miranda.cancelReason().isUserChoice()).isTrue();
    }

    @Test
    void unknownAndOutOfTableReasonsAreAClientGivingUp() {
        assertThat(CancelReason.fromCode(0)).isEqualTo(CancelReason.UNKNOWN);
        assertThat(CancelReason.fromCode(0x7777)).isEqualTo(CancelReason.UNKNOWN);
        assertThat(CancelReason.fromCode(0).isUserChoice()).isFalse();
        assertThat(CancelReason.TIMEOUT.isUserChoice()).isFalse();
    }
}
