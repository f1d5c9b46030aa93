package org.oscartransport.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code OSCAR_TRANSPORT_*} variables ({@code xmpp.secret} ↔ {@code OSCAR_TRANSPORT_XMPP_SECRET}).
 * {@code OSCAR_TRANSPORT_CONFIG} names the config file when {@code --config} is absent (handy in systemd
 * units and containers). Any other variable with the prefix is refused: it is almost certainly a typo.
 */
final class Environment {
    static final String CONFIG_VARIABLE = ConfigKey.environmentName(CommandLine.CONFIG_OPTION);

    private final List<Setting> settings = new ArrayList<>();
    private Path configFile;

    private Environment() {}

    static Environment read(Map<String, String> variables) {
        Environment env = new Environment();
        // sorted, so that the first unknown variable reported is the same on every run
        new TreeMap<>(variables).forEach((name, value) -> {
            if (name.startsWith(ConfigKey.ENV_PREFIX)) {
                env.add(name, value.strip());
            }
        });
        return env;
    }

    private void add(String name, String value) {
        if (name.equals(CONFIG_VARIABLE)) {
            configFile = Path.of(value);
            return;
        }
        ConfigKey key = ConfigKey.byEnvironmentName(name)
                .orElseThrow(() -> new ConfigException("unknown environment variable '" + name + "' (no key maps to it)"));
        settings.add(new Setting(key, value, Layer.ENVIRONMENT, "environment " + name));
    }

    List<Setting> settings() {
        return settings;
    }

    Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }
}
