package org.oscartransport.oscar.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.tlv.Tlv;

/** The proposals of the later stages (oscar.md §6.8, §12.4) and how we read them back. */
class ProposalsTest {

    private static final byte[] COOKIE = "1234567\0".getBytes(StandardCharsets.US_ASCII);

    private static List<Integer> types(RendezvousBlock block) {
        return block.tlvs().all().stream().map(Tlv::type).toList();
    }

    @Test
    void reverseProposalHasOurAddressAndPortButNoServiceData() throws Exception {
        RendezvousBlock block = RendezvousBlock.read(
                Proposals.connectToMe(COOKIE, InetAddress.getByName("192.0.2.7"), 40000, 2, null).toBytes());

        assertThat(block.type()).isEqualTo(RendezvousBlock.PROPOSE);
        assertThat(block.cookie()).isEqualTo(COOKIE);
        assertThat(types(block)).containsExactly(0x0002, 0x0003, 0x0005, 0x000A, 0x000F, 0x0016, 0x0017);
        assertThat(block.tlvs().bytes(0x0002)).containsExactly(192, 0, 2, 7);
        assertThat(block.tlvs().u32(0x0016, 0)).isEqualTo(~0xC0000207L & 0xFFFFFFFFL);
        assertThat(block.tlvs().u16(0x0017, 0)).isEqualTo(~40000 & 0xFFFF);
        ProposalAddresses read = ProposalAddresses.of(block);
        assertThat(read.sequence()).isEqualTo(2);
        assertThat(read.viaProxy()).isFalse();
        assertThat(read.direct()).as("no verified IP until the server adds it").isFalse();
    }

    @Test
    void proxyProposalCarriesThePinTheProxyIpAndTheFlag() {
        FileServiceData file = new FileServiceData(FileServiceData.KIND_SINGLE, 1, 5, "hello.txt");
        RendezvousBlock block = RendezvousBlock.read(
                Proposals.joinMeAtProxy(COOKIE, new byte[] {(byte) 205, (byte) 188, 8, 1}, 0x1234, 3, file)
                        .toBytes());

        assertThat(types(block)).containsExactly(0x0002, 0x0003, 0x0005, 0x000A, 0x000F, 0x0010, 0x0016, 0x0017,
                0x2711, 0x2712);
        ProposalAddresses read = ProposalAddresses.of(block);
        assertThat(read.viaProxy()).isTrue();
        assertThat(read.pin()).isEqualTo(0x1234);
        assertThat(read.rendezvousIp().getAddress()).containsExactly(205, 188, 8, 1);
        assertThat(read.sequence()).isEqualTo(3);
        assertThat(read.direct()).as("0x0005 is a pin").isFalse();
        assertThat(FileServiceData.parse(block.tlvs().bytes(0x2711), "utf-8").name()).isEqualTo("hello.txt");
    }
}
