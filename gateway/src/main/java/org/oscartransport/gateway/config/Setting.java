package org.oscartransport.gateway.config;

import org.oscartransport.gateway.store.JdbcUrls;

/**
 * One raw value for one key, and where it came from (e.g. {@code --xmpp.port},
 * {@code environment OSCAR_TRANSPORT_XMPP_PORT}, {@code file /etc/oscar-transport.conf}) so that an
 * error can point the admin at the line to fix.
 */
record Setting(ConfigKey key, String value, Layer layer, String origin) {

    /** The value as it may appear in messages and descriptions. */
    String printableValue() {
        if (key.isSecret()) {
            return "***";
        }
        // JDBC URLs may carry credentials
        return key == ConfigKey.STORE_URL ? JdbcUrls.withoutPassword(value) : value;
    }

    ConfigException invalid(String reason) {
        return new ConfigException("'" + key + "' " + reason + ", got '" + printableValue() + "' (from " + origin + ")");
    }
}
