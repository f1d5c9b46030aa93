package org.oscartransport.http.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a user-supplied URL must not reach unless the admin allows it: this host, the private networks
 * around it, and anything that is not one ordinary unicast host on the Internet.
 */
final class SpecialAddresses {

    private record Named(AddressRange range, String what) {}

    private static final List<Named> RANGES = List.of(
            named("0.0.0.0/8", "unspecified"), // Linux routes 0.x.x.x to this host
            named("10.0.0.0/8", "private"),
            named("100.64.0.0/10", "carrier-grade NAT"),
            named("127.0.0.0/8", "loopback"),
            named("169.254.0.0/16", "link-local"),
            named("172.16.0.0/12", "private"),
            named("192.0.0.0/24", "IETF protocol assignments"),
            named("192.168.0.0/16", "private"),
            named("198.18.0.0/15", "benchmarking"),
            named("224.0.0.0/4", "multicast"),
            named("240.0.0.0/4", "reserved"), // and 255.255.255.255 broadcast
            named("::/128", "unspecified"),
            named("::1/128", "loopback"),
            named("fc00::/7", "unique-local"),
            named("fe80::/10", "link-local"),
            named("fec0::/10", "site-local"),
            named("ff00::/8", "multicast"));

    /** IPv6 prefixes that carry an IPv4 address in their last 32 bits, which is then what is reached. */
    private static final List<AddressRange> EMBEDDING_IPV4 = List.of(
            AddressRange.parse("::ffff:0:0/96"), // IPv4-mapped
            AddressRange.parse("::/96"), // IPv4-compatible (deprecated, still routed by some stacks)
            AddressRange.parse("64:ff9b::/96")); // NAT64 well-known prefix

    private SpecialAddresses() {}

    /** What kind of non-public address this is ("loopback", "private"...), or empty for a public one. */
    static Optional<String> classify(InetAddress address) {
        if (address instanceof Inet6Address && !isPlainV6Special(address)) {
            for (AddressRange embedding : EMBEDDING_IPV4) {
                if (embedding.contains(address)) {
                    return classify(embeddedV4(address)).map(kind -> "IPv4-embedded " + kind);
                }
            }
        }
        for (Named named : RANGES) {
            if (named.range().contains(address)) return Optional.of(named.what());
        }
        return Optional.empty();
    }

    /** :: and ::1 sit inside ::/96 but are IPv6's own unspecified and loopback addresses. */
    private static boolean isPlainV6Special(InetAddress address) {
        return address.isAnyLocalAddress() || address.isLoopbackAddress();
    }

    private static InetAddress embeddedV4(InetAddress v6) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(v6.getAddress(), 12, 16));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Named named(String cidr, String what) {
        return new Named(AddressRange.parse(cidr), what);
    }
}
