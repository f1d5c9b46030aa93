package org.oscartransport.oscar.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings for every session of one {@link OscarClient}.
 *
 * @param loginServer the BUCP login server (the BOS address comes from its reply)
 * @param connectTimeout for each TCP connect to the login and BOS servers
 * @param loginTimeout from the login call to "signed on"
 * @param allowPrivatePeerAddresses whether file peers may be on loopback/private/link-local addresses (tests, LANs)
 * @param offerTimeout how long an outgoing file offer waits for the peer to connect before it is cancelled
 */
public record OscarClientConfig(
        InetSocketAddress loginServer,
        Duration connectTimeout,
        Duration loginTimeout,
        boolean allowPrivatePeerAddresses,
        Duration offerTimeout) {

    public OscarClientConfig {
        Objects.requireNonNull(loginServer, "loginServer");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(loginTimeout, "loginTimeout");
        requirePositive(offerTimeout, "offerTimeout");
    }

    /** 10 s connect, 30 s login, 5 min offers, public peers only. */
    public static OscarClientConfig defaults(InetSocketAddress loginServer) {
        return new OscarClientConfig(
                loginServer, Duration.ofSeconds(10), Duration.ofSeconds(30), false, Duration.ofMinutes(5));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
