package org.oscartransport.http.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how far the transport fetches a URL a user gave it. Every address a URL or redirect resolves to is
 * checked; by default anything but a public unicast address is refused.
 *
 * @param allowPrivateAddresses reach loopback, RFC 1918, CGNAT, link-local, unique-local, multicast, unspecified
 *                              and reserved addresses (and their IPv4-mapped forms); for tests and closed networks
 * @param allowedRanges         exceptions to the private-address refusal, e.g. the LAN upload server's /32
 * @param refusedOwnPorts       ports refused on this host (its loopback, wildcard and interface addresses):
 *                              the transport's own HTTP endpoints, so a user cannot make it fetch from itself
 * @param maxRedirects          redirects followed before giving up
 * @param maxSize               largest body accepted, in bytes (OFT2 itself cannot carry 4 GiB or more)
 * @param connectTimeout        TCP connect, and separately the TLS handshake
 * @param readTimeout           longest wait for the next bytes while we are asking for them
 * @param userAgent             sent with every request
 */
public record FetchPolicy(boolean allowPrivateAddresses, List<AddressRange> allowedRanges,
        Set<Integer> refusedOwnPorts, int maxRedirects, long maxSize, Duration connectTimeout,
        Duration readTimeout, String userAgent) {

    public static final int DEFAULT_MAX_REDIRECTS = 3;
    /** Generous for chat attachments, well inside OFT2's 32-bit size field. */
    public static final long DEFAULT_MAX_SIZE = 512L * 1024 * 1024;
    public static final long OFT_MAX_SIZE = 0xFFFF_FFFFL;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_USER_AGENT = "oscar-transport";

    public FetchPolicy {
        allowedRanges = List.copyOf(Objects.requireNonNull(allowedRanges, "allowedRanges"));
        refusedOwnPorts = Set.copyOf(Objects.requireNonNull(refusedOwnPorts, "refusedOwnPorts"));
        if (maxRedirects < 0 || maxRedirects > 20) throw new IllegalArgumentException("maxRedirects must be 0..20");
        if (maxSize < 1 || maxSize > OFT_MAX_SIZE) {
            throw new IllegalArgumentException("maxSize must be 1.." + OFT_MAX_SIZE);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c >= 0x7F)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII");
        }
    }

    /** Public addresses only, no refused ports, 3 redirects, 512 MiB, 10 s connect, 30 s read. */
    public static FetchPolicy defaults() {
        return new FetchPolicy(false, List.of(), Set.of(), DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_SIZE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_USER_AGENT);
    }

    public FetchPolicy withPrivateAddresses(boolean allow) {
        return new FetchPolicy(allow, allowedRanges, refusedOwnPorts, maxRedirects, maxSize, connectTimeout,
                readTimeout, userAgent);
    }

    public FetchPolicy withAllowedRanges(List<AddressRange> ranges) {
        return new FetchPolicy(allowPrivateAddresses, ranges, refusedOwnPorts, maxRedirects, maxSize,
                connectTimeout, readTimeout, userAgent);
    }

    public FetchPolicy withRefusedOwnPorts(Set<Integer> ports) {
        return new FetchPolicy(allowPrivateAddresses, allowedRanges, ports, maxRedirects, maxSize,
                connectTimeout, readTimeout, userAgent);
    }

    public FetchPolicy withMaxRedirects(int redirects) {
        return new FetchPolicy(allowPrivateAddresses, allowedRanges, refusedOwnPorts, redirects, maxSize,
                connectTimeout, readTimeout, userAgent);
    }

    public FetchPolicy withMaxSize(long bytes) {
        return new FetchPolicy(allowPrivateAddresses, allowedRanges, refusedOwnPorts, maxRedirects, bytes,
                connectTimeout, readTimeout, userAgent);
    }

    public FetchPolicy withTimeouts(Duration connect, Duration read) {
        return new FetchPolicy(allowPrivateAddresses, allowedRanges, refusedOwnPorts, maxRedirects, maxSize,
                connect, read, userAgent);
    }

    public FetchPolicy withUserAgent(String agent) {
        return new FetchPolicy(allowPrivateAddresses, allowedRanges, refusedOwnPorts, maxRedirects, maxSize,
                connectTimeout, readTimeout, agent);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
