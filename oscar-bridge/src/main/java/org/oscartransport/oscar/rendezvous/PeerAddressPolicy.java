package org.oscartransport.oscar.rendezvous;

import java.net.InetAddress;

/**
 * Decides whether we may open a connection to a peer-supplied address. Never trust a peer: loopback, private,
 * link-local, multicast and wildcard addresses are refused unless the admin allows them (tests do).
 */
public final class PeerAddressPolicy {

    private final boolean allowPrivate;

    public PeerAddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Null when connecting is allowed, else why not. */
    public String refusal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return address.getHostAddress() + " is not a unicast host address";
        }
        if (allowPrivate) {
            return null;
        }
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || isUniqueLocalV6(address) || isCarrierGradeNat(address)) {
            return address.getHostAddress() + " is a private, loopback or link-local address"
                    + " (allowPrivatePeerAddresses is off)";
        }
        return null;
    }

    private static boolean isUniqueLocalV6(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xFE) == 0xFC;
    }

    private static boolean isCarrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    }
}
