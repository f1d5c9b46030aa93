package org.oscartransport.gateway.config;

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
        return key == ConfigKey.STORE_URL ? redactUrlPassword(value) : value;
    }

    /** JDBC URLs may carry credentials: {@code password=...} parameters and {@code user:password@}. */
    private static String redactUrlPassword(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("(//[^/:@]*:)[^/@]*@", "$1***@");
    }

    ConfigException invalid(String reason) {
        return new ConfigException("'" + key + "' " + reason + ", got '" + printableValue() + "' (from " + origin + ")");
    }
}
