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
 * @param proxyServer the rendezvous proxy we create sessions on (oscar.md §7; ICQ: {@code ars.icq.com:5190})
 * @param proxyJoinPort the TCP port of a proxy a peer names in a proposal (libpurple always uses 5190, §6.8)
 * @param stageTimeout how long a receiver waits in the reverse stage, and either side for the proxy's READY
 */
public record OscarClientConfig(
        InetSocketAddress loginServer,
        Duration connectTimeout,
        Duration loginTimeout,
        boolean allowPrivatePeerAddresses,
        Duration offerTimeout,
        InetSocketAddress proxyServer,
        int proxyJoinPort,
        Duration stageTimeout) {

    public static final int DEFAULT_PROXY_PORT = 5190;
    public static final Duration DEFAULT_STAGE_TIMEOUT = Duration.ofSeconds(30);

    public OscarClientConfig {
        Objects.requireNonNull(loginServer, "loginServer");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(loginTimeout, "loginTimeout");
        requirePositive(offerTimeout, "offerTimeout");
        Objects.requireNonNull(proxyServer, "proxyServer");
        if (proxyJoinPort < 1 || proxyJoinPort > 0xFFFF) {
            throw new IllegalArgumentException("proxyJoinPort must be a TCP port: " + proxyJoinPort);
        }
        requirePositive(stageTimeout, "stageTimeout");
    }

    /** The settings before the proxy existed; the proxy is ICQ's and stages wait 30 s. */
    public OscarClientConfig(InetSocketAddress loginServer, Duration connectTimeout, Duration loginTimeout,
            boolean allowPrivatePeerAddresses, Duration offerTimeout) {
        this(loginServer, connectTimeout, loginTimeout, allowPrivatePeerAddresses, offerTimeout,
                InetSocketAddress.createUnresolved("ars.icq.com", DEFAULT_PROXY_PORT), DEFAULT_PROXY_PORT,
                DEFAULT_STAGE_TIMEOUT);
    }

    /** 10 s connect, 30 s login, 5 min offers, public peers only, {@code ars.icq.com:5190}. */
    public static OscarClientConfig defaults(InetSocketAddress loginServer) {
        return new OscarClientConfig(
                loginServer, Duration.ofSeconds(10), Duration.ofSeconds(30), false, Duration.ofMinutes(5));
    }

    /** The same settings with another proxy: created sessions at {@code server}, joined ones on {@code joinPort}. */
    public OscarClientConfig withProxy(InetSocketAddress server, int joinPort) {
        return new OscarClientConfig(loginServer, connectTimeout, loginTimeout, allowPrivatePeerAddresses,
                offerTimeout, server, joinPort, stageTimeout);
    }

    public OscarClientConfig withStageTimeout(Duration timeout) {
        return new OscarClientConfig(loginServer, connectTimeout, loginTimeout, allowPrivatePeerAddresses,
                offerTimeout, proxyServer, proxyJoinPort, timeout);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
