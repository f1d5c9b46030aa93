package org.oscartransport.gateway.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The merged raw settings while {@link TransportConfig} reads them; records derived defaults it fills in. */
final class SettingsView {
    private final Map<ConfigKey, Setting> settings;

    SettingsView(Map<ConfigKey, Setting> settings) {
        this.settings = new EnumMap<>(settings);
    }

    /** A key that always has a value, from its built-in default at least. */
    Setting get(ConfigKey key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new IllegalStateException("no default for " + key);
        }
        return setting;
    }

    Setting required(ConfigKey key, String hint) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new ConfigException("'" + key + "' is required " + hint);
        }
        return setting;
    }

    /** A key without a default that may stay unset. */
    java.util.Optional<Setting> optional(ConfigKey key) {
        return java.util.Optional.ofNullable(settings.get(key));
    }

    Setting orDerived(ConfigKey key, String derivedValue, String origin) {
        return settings.computeIfAbsent(key, k -> new Setting(k, derivedValue, Layer.DEFAULT, origin));
    }

    Map<ConfigKey, Setting> resolved() {
        return Collections.unmodifiableMap(new EnumMap<>(settings));
    }
}
