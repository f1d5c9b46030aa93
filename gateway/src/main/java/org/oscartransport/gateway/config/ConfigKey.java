package org.oscartransport.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting the transport knows, with its built-in default. {@code null} means "no static default":
 * the value is required ({@code xmpp.secret}), derived from another key ({@code http.public-host},
 * {@code store.url}) or optional ({@code http.tls-cert}).
 */
enum ConfigKey {
    XMPP_HOST("xmpp.host", "127.0.0.1"),
    XMPP_PORT("xmpp.port", "5347"),
    XMPP_DOMAIN("xmpp.domain", "icq.localhost"),
    XMPP_SECRET("xmpp.secret", null),
    XMPP_SECRET_FILE("xmpp.secret-file", null),
    XMPP_PING_INTERVAL("xmpp.ping-interval", "60s"),
    XMPP_PING_TIMEOUT("xmpp.ping-timeout", "10s"),
    OSCAR_HOST("oscar.host", "127.0.0.1"),
    OSCAR_PORT("oscar.port", "5190"),
    OSCAR_CONNECT_TIMEOUT("oscar.connect-timeout", "10s"),
    OSCAR_LOGIN_TIMEOUT("oscar.login-timeout", "30s"),
    OSCAR_PROXY("oscar.proxy", "ars.icq.com:5190"),
    HTTP_BIND("http.bind", "127.0.0.1"),
    HTTP_PUBLIC_HOST("http.public-host", null),
    HTTP_PORTS("http.ports", "40000-40100"),
    HTTP_SHARED_BIND("http.shared-bind", ""),
    HTTP_PUBLIC_BASE("http.public-base", ""),
    HTTP_EXPIRY("http.expiry", "1h"),
    HTTP_TLS_CERT("http.tls-cert", null),
    HTTP_TLS_KEY("http.tls-key", null),
    TRANSFER_OFFER_TIMEOUT("transfer.offer-timeout", "5m"),
    TRANSFER_URL_READ_TIMEOUT("transfer.url-read-timeout", "30s"),
    TRANSFER_SPOOL("transfer.spool", "true"),
    TRANSFER_MAX_SIZE("transfer.max-size", "512m"),
    TRANSFER_MAX_ACTIVE_PER_USER("transfer.max-active-per-user", "5"),
    TRANSFER_MAX_ACTIVE_TOTAL("transfer.max-active-total", "100"),
    TRANSFER_QUOTA_PER_USER("transfer.quota-per-user", "1g"),
    TRANSFER_QUOTA_TOTAL("transfer.quota-total", "10g"),
    REGISTRATION_ALLOWED_DOMAINS("registration.allowed-domains", ""),
    ADMIN_JIDS("admin.jids", ""),
    DATA_DIR("data.dir", "./data"),
    STORE_URL("store.url", null),
    STORE_KEY("store.key", null),
    STORE_KEY_FILE("store.key-file", null),
    NET_ALLOW_PRIVATE_ADDRESSES("net.allow-private-addresses", "false"),
    METRICS_BIND("metrics.bind", ""),
    EMULATOR_ENABLED("emulator.enabled", "false"),
    EMULATOR_LISTEN("emulator.listen", "127.0.0.1:5190");

    static final String ENV_PREFIX = "OSCAR_TRANSPORT_";

    private final String key;
    private final String defaultValue;

    ConfigKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Boolean keys, which may stand alone on the command line ({@code --emulator.enabled}). */
    boolean isFlag() {
        return this == NET_ALLOW_PRIVATE_ADDRESSES || this == EMULATOR_ENABLED || this == TRANSFER_SPOOL;
    }

    /** Values never to be printed: in descriptions, logs or error messages. */
    boolean isSecret() {
        return this == XMPP_SECRET || this == STORE_KEY;
    }

    /** {@code xmpp.secret-file} → {@code OSCAR_TRANSPORT_XMPP_SECRET_FILE}. */
    String environmentName() {
        return environmentName(key);
    }

    static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static Optional<ConfigKey> byEnvironmentName(String name) {
        return Arrays.stream(values()).filter(k -> k.environmentName().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
