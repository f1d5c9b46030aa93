package org.oscartransport.oscar.rendezvous;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * Where a PROPOSE says to connect (oscar.md §6.2): the server-verified IP (0x0004), the proposer's own idea of
 * its IP (0x0003), the rendezvous/proxy IP (0x0002), the port — or, with the proxy flag, the pin — and the
 * sequence number.
 */
record ProposalAddresses(InetAddress verifiedIp, InetAddress clientIp, InetAddress rendezvousIp, int port,
        int sequence, boolean viaProxy) {

    static ProposalAddresses of(RendezvousBlock block) {
        TlvChain tlvs = block.tlvs();
        return new ProposalAddresses(ipv4(tlvs.bytes(RendezvousTlvs.VERIFIED_IP)),
                ipv4(tlvs.bytes(RendezvousTlvs.CLIENT_IP)), ipv4(tlvs.bytes(RendezvousTlvs.RENDEZVOUS_IP)),
                tlvs.u16(RendezvousTlvs.PORT, 0), tlvs.u16(RendezvousTlvs.SEQUENCE, 1),
                tlvs.has(RendezvousTlvs.USE_PROXY));
    }

    /** A direct connection is possible: the server vouched for an address and there is a port (§6.8 step 1). */
    boolean direct() {
        return !viaProxy && verifiedIp != null && port != 0;
    }

    /** With the proxy flag, 0x0005 is the pin (§10.3). */
    int pin() {
        return port;
    }

    static InetAddress ipv4(byte[] value) {
        if (value == null || value.length != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(value);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 bytes
        }
    }
}
