package org.oscartransport.http.endpoint;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.oscartransport.http.tls.TlsFiles;

/**
 * Settings shared by every per-transfer endpoint.
 *
 * @param bindHost      address the listeners bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1} behind a proxy
 * @param publicHost    host name (or IP) put into URLs
 * @param ports         ports the listeners may take, one per open endpoint
 * @param defaultExpiry how long an endpoint waits for its download when {@code open} is given no expiry
 * @param gonePeriod    how long a finished endpoint keeps answering 410 before it closes; never beyond expiry
 * @param idleTimeout   how long an idle keep-alive connection stays open
 * @param spoolDir      where downloads are spooled for repeat, parallel and Range requests; null for stream-only
 *                      (one GET per file). Give each transport its own directory: leftover {@code *.spool} files in
 *                      it are deleted at startup
 * @param perOwnerQuotaBytes spool bytes one owner (e.g. a Jabber user) may hold; 0 for no per-owner limit
 * @param totalQuotaBytes    spool bytes all transfers together may hold; 0 for no limit
 * @param tls           the certificate the endpoints serve HTTPS with; null for plain HTTP (behind a TLS reverse
 *                      proxy, or for clients that only speak HTTP)
 * @param shared        one listener serving every endpoint by path, with URLs under its public base; null for a
 *                      listener per transfer on {@code ports}
 */
public record HttpEndpointConfig(String bindHost, String publicHost, PortRange ports, Duration defaultExpiry,
        Duration gonePeriod, Duration idleTimeout, Path spoolDir, long perOwnerQuotaBytes, long totalQuotaBytes,
        TlsFiles tls, SharedListener shared) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
    public static final Duration DEFAULT_GONE_PERIOD = Duration.ofMinutes(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public HttpEndpointConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(ports, "ports");
        if (publicHost == null || publicHost.isBlank()) {
            throw new IllegalArgumentException("publicHost must be set: it goes into every download URL");
        }
        requireUrlHost(publicHost);
        defaultExpiry = positive(defaultExpiry, DEFAULT_EXPIRY, "defaultExpiry");
        gonePeriod = gonePeriod == null ? DEFAULT_GONE_PERIOD : gonePeriod;
        if (gonePeriod.isNegative()) throw new IllegalArgumentException("gonePeriod must not be negative");
        if (gonePeriod.compareTo(defaultExpiry) > 0) gonePeriod = defaultExpiry;
        idleTimeout = positive(idleTimeout, DEFAULT_IDLE_TIMEOUT, "idleTimeout");
        if (perOwnerQuotaBytes < 0 || totalQuotaBytes < 0) throw new IllegalArgumentException("quotas must be >= 0");
    }

    /** Plain HTTP. */
    public HttpEndpointConfig(String bindHost, String publicHost, PortRange ports, Duration defaultExpiry,
            Duration gonePeriod, Duration idleTimeout, Path spoolDir, long perOwnerQuotaBytes,
            long totalQuotaBytes) {
        this(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, spoolDir, perOwnerQuotaBytes,
                totalQuotaBytes, null, null);
    }

    /** Every setting but the shared listener: a listener per transfer. */
    public HttpEndpointConfig(String bindHost, String publicHost, PortRange ports, Duration defaultExpiry,
            Duration gonePeriod, Duration idleTimeout, Path spoolDir, long perOwnerQuotaBytes,
            long totalQuotaBytes, TlsFiles tls) {
        this(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, spoolDir, perOwnerQuotaBytes,
                totalQuotaBytes, tls, null);
    }

    /** Stream-only: nothing is kept on disk, a file can be downloaded once. */
    public HttpEndpointConfig(String bindHost, String publicHost, PortRange ports, Duration defaultExpiry,
            Duration gonePeriod, Duration idleTimeout) {
        this(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, null, 0, 0);
    }

    /** The same settings, spooling to {@code dir} within the given quotas (0 = unlimited). */
    public HttpEndpointConfig withSpool(Path dir, long perOwnerQuota, long totalQuota) {
        Objects.requireNonNull(dir, "dir");
        return new HttpEndpointConfig(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, dir,
                perOwnerQuota, totalQuota, tls, shared);
    }

    /**
     * The same settings, serving HTTPS with a PEM certificate chain (leaf first) and its PEM PKCS#8 private key;
     * both are reloaded when they change. URLs become {@code https://PUBLIC-HOST:PORT/...}: the certificate must
     * name the public host.
     */
    public HttpEndpointConfig withTls(Path certificateChain, Path privateKey) {
        return new HttpEndpointConfig(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, spoolDir,
                perOwnerQuotaBytes, totalQuotaBytes, new TlsFiles(certificateChain, privateKey), shared);
    }

    /**
     * The same settings, serving every endpoint from one listener on {@code bindHost:port} (typically loopback
     * behind a reverse proxy) at {@code publicBase + TOKEN/NAME}; {@code ports} and {@code publicHost} are then
     * unused for URLs. See {@link SharedListener} for what the base may be.
     */
    public HttpEndpointConfig withSharedListener(String host, int port, URI publicBase) {
        return new HttpEndpointConfig(bindHost, publicHost, ports, defaultExpiry, gonePeriod, idleTimeout, spoolDir,
                perOwnerQuotaBytes, totalQuotaBytes, tls, new SharedListener(host, port, publicBase));
    }

    boolean sharedListener() {
        return shared != null;
    }

    boolean spooling() {
        return spoolDir != null;
    }

    boolean encrypted() {
        return tls != null;
    }

    /** The defaults for everything but addresses and ports. */
    public static HttpEndpointConfig of(String bindHost, String publicHost, PortRange ports) {
        return new HttpEndpointConfig(bindHost, publicHost, ports, null, null, null);
    }

    /** The shared listener's public base followed by an already encoded {@code rawPath} (leading slash dropped). */
    URI sharedUrl(String rawPath) {
        return URI.create(shared.publicBase().toString() + rawPath.substring(1));
    }

    /** {@code http(s)://PUBLIC-HOST:PORT} followed by an already encoded {@code rawPath}. */
    URI publicUrl(int port, String rawPath) {
        return URI.create(publicUrl(encrypted() ? "https" : "http", publicHost, port, rawPath));
    }

    private static String publicUrl(String scheme, String host, int port, String rawPath) {
        boolean ipv6Literal = host.indexOf(':') >= 0 && !host.startsWith("[");
        return scheme + "://" + (ipv6Literal ? "[" + host + "]" : host) + ":" + port + rawPath;
    }

    private static void requireUrlHost(String host) {
        String problem = "publicHost '" + host + "' cannot be the host of a URL";
        try {
            if (URI.create(publicUrl("http", host, 1, "/")).getHost() == null) throw new IllegalArgumentException(problem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) return fallback;
        if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(name + " must be positive");
        return value;
    }
}
