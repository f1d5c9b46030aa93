package org.oscartransport.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The transport's settings, validated and typed. Immutable; built by {@link ConfigLoader}.
 * {@link #toString()} and {@link #describe()} never reveal secrets.
 */
public final class TransportConfig {
    private final Map<ConfigKey, Setting> settings;

    private final String xmppHost;
    private final int xmppPort;
    private final String xmppDomain;
    private final String xmppSecret;
    private final Duration xmppPingInterval;
    private final Duration xmppPingTimeout;
    private final String oscarHost;
    private final int oscarPort;
    private final Duration oscarConnectTimeout;
    private final Duration oscarLoginTimeout;
    private final HostAndPort oscarProxy;
    private final String httpBind;
    private final String httpPublicHost;
    private final PortRange httpPorts;
    private final Duration httpExpiry;
    private final java.util.Optional<HostAndPort> httpSharedBind;
    private final java.util.Optional<java.net.URI> httpPublicBase;
    private final java.util.Optional<TlsPaths> httpTls;
    private final Duration transferOfferTimeout;
    private final Duration transferUrlReadTimeout;
    private final Set<String> registrationAllowedDomains;
    private final Set<String> adminJids;
    private final boolean transferSpool;
    private final long transferMaxSize;
    private final int transferMaxActivePerUser;
    private final int transferMaxActiveTotal;
    private final long transferQuotaPerUser;
    private final long transferQuotaTotal;
    private final Path dataDir;
    private final String storeUrl;
    private final String storeKey;
    private final boolean allowPrivateAddresses;
    private final boolean emulatorEnabled;
    private final HostAndPort emulatorListen;
    private final java.util.Optional<HostAndPort> metricsBind;

    /** Takes the merged raw settings (secret file already resolved), fills derived defaults, parses all. */
    TransportConfig(Map<ConfigKey, Setting> raw) {
        SettingsView s = new SettingsView(raw);
        xmppHost = ValueParsers.host(s.get(ConfigKey.XMPP_HOST));
        xmppPort = ValueParsers.port(s.get(ConfigKey.XMPP_PORT));
        xmppDomain = ValueParsers.host(s.get(ConfigKey.XMPP_DOMAIN));
        xmppSecret = ValueParsers.text(s.required(ConfigKey.XMPP_SECRET,
                "(set it, or 'xmpp.secret-file', in the config file, the environment or on the command line)"));
        xmppPingInterval = ValueParsers.duration(s.get(ConfigKey.XMPP_PING_INTERVAL));
        xmppPingTimeout = ValueParsers.duration(s.get(ConfigKey.XMPP_PING_TIMEOUT));
        oscarHost = ValueParsers.host(s.get(ConfigKey.OSCAR_HOST));
        oscarPort = ValueParsers.port(s.get(ConfigKey.OSCAR_PORT));
        oscarConnectTimeout = ValueParsers.duration(s.get(ConfigKey.OSCAR_CONNECT_TIMEOUT));
        oscarLoginTimeout = ValueParsers.duration(s.get(ConfigKey.OSCAR_LOGIN_TIMEOUT));
        oscarProxy = ValueParsers.hostAndPort(s.get(ConfigKey.OSCAR_PROXY));
        httpBind = ValueParsers.host(s.get(ConfigKey.HTTP_BIND));
        httpPublicHost = ValueParsers.host(s.orDerived(ConfigKey.HTTP_PUBLIC_HOST, httpBind, "default: same as http.bind"));
        httpPorts = ValueParsers.portRange(s.get(ConfigKey.HTTP_PORTS));
        httpExpiry = ValueParsers.duration(s.get(ConfigKey.HTTP_EXPIRY));
        httpSharedBind = ValueParsers.optionalHostAndPort(s.get(ConfigKey.HTTP_SHARED_BIND));
        httpPublicBase = ValueParsers.optionalPublicBase(s.get(ConfigKey.HTTP_PUBLIC_BASE));
        // Behind a proxy only the admin knows the public address: guessing it from the bind would be wrong.
        if (httpSharedBind.isPresent() && httpPublicBase.isEmpty()) {
            throw new ConfigException("'http.public-base' must be set when 'http.shared-bind' is (from "
                    + s.get(ConfigKey.HTTP_SHARED_BIND).origin() + "), e.g. https://files.example.org/icq/");
        }
        if (httpPublicBase.isPresent() && httpSharedBind.isEmpty()) {
            throw new ConfigException("'http.public-base' (from " + s.get(ConfigKey.HTTP_PUBLIC_BASE).origin()
                    + ") needs 'http.shared-bind': per-transfer listeners put their own port in each URL");
        }
        httpTls = tlsPaths(s);
        // With the TLS files the shared listener speaks HTTPS itself: http:// URLs would reach it in plain text.
        if (httpTls.isPresent() && httpPublicBase.isPresent()
                && "http".equalsIgnoreCase(httpPublicBase.get().getScheme())) {
            throw s.get(ConfigKey.HTTP_PUBLIC_BASE).invalid("must be an https:// URL when http.tls-cert and "
                    + "http.tls-key are set: the shared listener then serves HTTPS");
        }
        transferOfferTimeout = ValueParsers.duration(s.get(ConfigKey.TRANSFER_OFFER_TIMEOUT));
        transferUrlReadTimeout = ValueParsers.duration(s.get(ConfigKey.TRANSFER_URL_READ_TIMEOUT));
        transferSpool = ValueParsers.bool(s.get(ConfigKey.TRANSFER_SPOOL));
        transferMaxSize = ValueParsers.size(s.get(ConfigKey.TRANSFER_MAX_SIZE));
        transferMaxActivePerUser = ValueParsers.positiveInt(s.get(ConfigKey.TRANSFER_MAX_ACTIVE_PER_USER));
        transferMaxActiveTotal = ValueParsers.positiveInt(s.get(ConfigKey.TRANSFER_MAX_ACTIVE_TOTAL));
        transferQuotaPerUser = ValueParsers.size(s.get(ConfigKey.TRANSFER_QUOTA_PER_USER));
        transferQuotaTotal = ValueParsers.size(s.get(ConfigKey.TRANSFER_QUOTA_TOTAL));
        registrationAllowedDomains = ValueParsers.hostList(s.get(ConfigKey.REGISTRATION_ALLOWED_DOMAINS));
        adminJids = ValueParsers.bareJidList(s.get(ConfigKey.ADMIN_JIDS));
        dataDir = Path.of(ValueParsers.text(s.get(ConfigKey.DATA_DIR)));
        storeUrl = ValueParsers.jdbcUrl(s.orDerived(ConfigKey.STORE_URL, defaultStoreUrl(dataDir), "default: under data.dir"));
        storeKey = s.optional(ConfigKey.STORE_KEY).map(ValueParsers::key256).orElse(null);
        allowPrivateAddresses = ValueParsers.bool(s.get(ConfigKey.NET_ALLOW_PRIVATE_ADDRESSES));
        emulatorEnabled = ValueParsers.bool(s.get(ConfigKey.EMULATOR_ENABLED));
        emulatorListen = ValueParsers.hostAndPort(s.get(ConfigKey.EMULATOR_LISTEN));
        metricsBind = ValueParsers.optionalHostAndPort(s.get(ConfigKey.METRICS_BIND));
        // The download ports are public; the metrics listener is for the admin's scraper only.
        if (metricsBind.isPresent() && httpPorts.first() <= metricsBind.get().port()
                && metricsBind.get().port() <= httpPorts.last()) {
            throw s.get(ConfigKey.METRICS_BIND).invalid("must not use a port of http.ports (" + httpPorts + ")");
        }
        if (metricsBind.isPresent() && httpSharedBind.isPresent()
                && metricsBind.get().port() == httpSharedBind.get().port()) {
            throw s.get(ConfigKey.METRICS_BIND).invalid("must not use the port of http.shared-bind");
        }
        settings = s.resolved();
    }

    /** Both files or neither: one alone is a half-done setup, not a choice of plain HTTP. Empty counts as unset. */
    private static java.util.Optional<TlsPaths> tlsPaths(SettingsView s) {
        java.util.Optional<Setting> cert = s.optional(ConfigKey.HTTP_TLS_CERT).filter(v -> !v.value().isEmpty());
        java.util.Optional<Setting> key = s.optional(ConfigKey.HTTP_TLS_KEY).filter(v -> !v.value().isEmpty());
        if (cert.isPresent() != key.isPresent()) {
            Setting given = cert.orElseGet(key::orElseThrow);
            ConfigKey missing = cert.isPresent() ? ConfigKey.HTTP_TLS_KEY : ConfigKey.HTTP_TLS_CERT;
            throw new ConfigException("'" + missing + "' must be set too when '" + given.key() + "' is (from "
                    + given.origin() + "); set both for HTTPS, neither for plain HTTP");
        }
        return cert.map(c -> new TlsPaths(ValueParsers.readableFile(c), ValueParsers.readableFile(key.get())));
    }

    /** H2 wants an explicit path; an absolute one also keeps the database put if the working directory changes. */
    private static String defaultStoreUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("oscar-transport");
    }

    /** Every key a config file, environment variable or option may set, in documentation order. */
    public static Set<String> keys() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** XMPP server host to connect the component to ({@code xmpp.host}). */
    public String xmppHost() { return xmppHost; }

    /** XMPP server's component port, XEP-0114 ({@code xmpp.port}). */
    public int xmppPort() { return xmppPort; }

    /** The transport's JID domain, e.g. {@code icq.example.org} ({@code xmpp.domain}). */
    public String xmppDomain() { return xmppDomain; }

    /** Component handshake secret shared with the XMPP server ({@code xmpp.secret} or {@code xmpp.secret-file}). */
    public String xmppSecret() { return xmppSecret; }

    /** How often the component checks that the XMPP server still answers. */
    public Duration xmppPingInterval() { return xmppPingInterval; }

    public Duration xmppPingTimeout() { return xmppPingTimeout; }

    public String oscarHost() { return oscarHost; }

    public int oscarPort() { return oscarPort; }

    /** Time allowed for a TCP connect to the OSCAR login or BOS server. */
    public Duration oscarConnectTimeout() { return oscarConnectTimeout; }

    /** Time allowed from connect to a signed-on BOS session. */
    public Duration oscarLoginTimeout() { return oscarLoginTimeout; }

    /** Address the per-transfer HTTP endpoints listen on. */
    /** The rendezvous proxy (ARS) for file transfers when neither side can reach the other directly. */
    public HostAndPort oscarProxy() { return oscarProxy; }

    public String httpBind() { return httpBind; }

    /** Host put in download URLs given to users; defaults to {@link #httpBind()}. */
    public String httpPublicHost() { return httpPublicHost; }

    /** Ports the per-transfer HTTP endpoints may bind. */
    public PortRange httpPorts() { return httpPorts; }

    /**
     * The certificate the download endpoints serve HTTPS with ({@code http.tls-cert}, {@code http.tls-key});
     * empty for plain HTTP.
     */
    public java.util.Optional<TlsPaths> httpTls() { return httpTls; }

    /**
     * One listener for every download ({@code http.shared-bind}), typically on loopback behind a reverse proxy;
     * empty for a listener per transfer on {@link #httpPorts()}.
     */
    public java.util.Optional<HostAndPort> httpSharedBind() { return httpSharedBind; }

    /**
     * What download URLs start with ({@code http.public-base}), e.g. {@code https://files.example.org/icq/};
     * required with {@link #httpSharedBind()}.
     */
    public java.util.Optional<java.net.URI> httpPublicBase() { return httpPublicBase; }

    /** How long a download URL stays valid. */
    public Duration httpExpiry() { return httpExpiry; }

    /** How long an offer waits for the other side to accept or decline. */
    public Duration transferOfferTimeout() { return transferOfferTimeout; }

    /** The longest wait for the next bytes from a Jabber user's URL while the transport is reading it. */
    public Duration transferUrlReadTimeout() { return transferUrlReadTimeout; }

    /** Directory for the embedded database and spool files. */
    /** Keep a spool copy of received files for other devices and later downloads (else stream-only). */
    public boolean transferSpool() { return transferSpool; }

    /** The largest file the transport carries, either way. */
    public long transferMaxSize() { return transferMaxSize; }

    /** Transfers (offered or running, either direction) one user may have at once. */
    public int transferMaxActivePerUser() { return transferMaxActivePerUser; }

    /** Transfers all users together may have at once. */
    public int transferMaxActiveTotal() { return transferMaxActiveTotal; }

    /** Spool bytes one user's received files may take; 0 means no limit. */
    public long transferQuotaPerUser() { return transferQuotaPerUser; }

    /** Spool bytes all received files together may take; 0 means no limit. */
    public long transferQuotaTotal() { return transferQuotaTotal; }

    /** Domains whose users may register; empty means every domain. */
    public Set<String> registrationAllowedDomains() { return registrationAllowedDomains; }

    /** Bare JIDs that may run the transport's admin commands (XEP-0050); empty means nobody. */
    public Set<String> adminJids() { return adminJids; }

    public Path dataDir() { return dataDir; }

    /** JDBC URL of the registration store; defaults to an H2 file database under {@link #dataDir()}. */
    public String storeUrl() { return storeUrl; }

    /** Whether peer data connections and URL fetches may reach loopback, private and link-local addresses. */
    /** The key that encrypts ICQ passwords at rest (base64 of 32 bytes), if the admin gave one. */
    public java.util.Optional<String> storeKey() { return java.util.Optional.ofNullable(storeKey); }

    public boolean allowPrivateAddresses() { return allowPrivateAddresses; }

    /** Whether to run the in-process OSCAR emulator with open accounts. */
    public boolean emulatorEnabled() { return emulatorEnabled; }

    public HostAndPort emulatorListen() { return emulatorListen; }

    /** Where the Prometheus scrape endpoint listens ({@code metrics.bind}); empty: no metrics listener. */
    public java.util.Optional<HostAndPort> metricsBind() { return metricsBind; }

    /** One line per key with its value and where it came from, secrets redacted: for the startup log. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        settings.values().forEach(s ->
                out.append(s.key()).append(" = ").append(s.printableValue()).append("  (").append(s.origin()).append(")\n"));
        return out.toString();
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "TransportConfig{", "}");
        settings.values().forEach(s -> joiner.add(s.key() + "=" + s.printableValue()));
        return joiner.toString();
    }
}
