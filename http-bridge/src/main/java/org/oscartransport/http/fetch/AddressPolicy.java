package org.oscartransport.http.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * Applies a {@link FetchPolicy} to one resolved address and port. May block briefly (it asks the OS for this
 * host's interface addresses), so it runs off the event loop.
 */
final class AddressPolicy {

    private final FetchPolicy policy;

    AddressPolicy(FetchPolicy policy) {
        this.policy = policy;
    }

    void check(InetSocketAddress destination) throws FetchRefusedException {
        InetAddress address = destination.getAddress();
        if (address == null) throw new FetchRefusedException("address was not resolved");
        int port = destination.getPort();
        if (port < 1 || port > 65535) throw new FetchRefusedException("port " + port + " is not allowed");
        Optional<String> special = SpecialAddresses.classify(address);
        if (special.isPresent() && !policy.allowPrivateAddresses()
                && policy.allowedRanges().stream().noneMatch(r -> r.contains(address))) {
            throw new FetchRefusedException(address.getHostAddress() + " is a " + special.get()
                    + " address, which the fetch policy refuses");
        }
        if (policy.refusedOwnPorts().contains(port) && isThisHost(address, special)) {
            throw new FetchRefusedException("port " + port + " on this host is the transport's own");
        }
    }

    private static boolean isThisHost(InetAddress address, Optional<String> special) {
        if (special.filter(kind -> kind.endsWith("loopback") || kind.endsWith("unspecified")).isPresent()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: refusing a port of our own is the safe answer
        }
    }
}
