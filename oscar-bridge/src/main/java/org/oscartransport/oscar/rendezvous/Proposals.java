package org.oscartransport.oscar.rendezvous;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** The PROPOSE blocks we send (oscar.md §6.4, §6.8): direct/reverse ("connect to me") and proxy. */
final class Proposals {

    private Proposals() {}

    /**
     * "Connect to me at ip:port." Service data only from the sender (§6.8 step 2); the IP goes into 0x0003 too, so
     * that the server adds the verified 0x0004.
     */
    static RendezvousBlock connectToMe(byte[] cookie, InetAddress ip, int port, int sequence,
            FileServiceData file) {
        return block(cookie, ip, port, sequence, false, file);
    }

    /** "Join me at the proxy": 0x0002 = 0x0003 = proxy IP, 0x0005 = pin, 0x0010 (§7.2; libpurple does the same). */
    static RendezvousBlock joinMeAtProxy(byte[] cookie, byte[] proxyIp, int pin, int sequence, FileServiceData file) {
        return block(cookie, ProposalAddresses.ipv4(proxyIp), pin, sequence, true, file);
    }

    private static RendezvousBlock block(byte[] cookie, InetAddress ip, int port, int sequence, boolean proxy,
            FileServiceData file) {
        byte[] addr = ip.getAddress();
        long ipValue = ByteBuffer.wrap(addr).getInt() & 0xFFFFFFFFL;
        TlvChain.Builder tlvs = TlvChain.builder()
                .add(new Tlv(RendezvousTlvs.RENDEZVOUS_IP, addr))
                .add(new Tlv(RendezvousTlvs.CLIENT_IP, addr))
                .add(Tlv.u16(RendezvousTlvs.PORT, port))
                .add(Tlv.u16(RendezvousTlvs.SEQUENCE, sequence))
                .add(Tlv.empty(RendezvousTlvs.HOST_CHECK));
        if (proxy) {
            tlvs.add(Tlv.empty(RendezvousTlvs.USE_PROXY));
        }
        tlvs.add(Tlv.u32(RendezvousTlvs.IP_CHECK, ~ipValue & 0xFFFFFFFFL))
                .add(Tlv.u16(RendezvousTlvs.PORT_CHECK, ~port & 0xFFFF));
        if (file != null) {
            // service tags after the reserved ones: the server stops scanning at the first (§6.2)
            tlvs.add(new Tlv(RendezvousTlvs.SERVICE_DATA, file.encode()))
                    .add(Tlv.ascii(RendezvousTlvs.SERVICE_DATA_CHARSET, "utf-8"));
        }
        return new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE, tlvs.build());
    }
}
