package org.oscartransport.gateway.config;

/**
 * A setting is missing, unknown or malformed. The message is one line, starts with {@code config: },
 * names the key and says what is wrong, so the launcher can print it as is and exit.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super("config: " + message);
    }
}
