package org.oscartransport.gateway.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link TransportConfig} from, lowest precedence first: built-in defaults, the config file
 * ({@code --config FILE}, else {@code OSCAR_TRANSPORT_CONFIG}), {@code OSCAR_TRANSPORT_*} environment
 * variables, and {@code --key=value} / {@code --key value} options.
 *
 * <pre>{@code TransportConfig config = ConfigLoader.withSystemEnvironment().load(args);}</pre>
 *
 * Every problem is reported as a one-line {@link ConfigException}.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;

    private ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** For tests and embedding: the given variables stand in for the process environment. */
    public static ConfigLoader withEnvironment(Map<String, String> environment) {
        return new ConfigLoader(environment);
    }

    public TransportConfig load(String... args) {
        return load(Arrays.asList(args));
    }

    public TransportConfig load(List<String> args) {
        CommandLine commandLine = CommandLine.parse(args);
        Environment env = Environment.read(environment);
        Optional<Path> file = commandLine.configFile().or(env::configFile);

        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            key.defaultValue().ifPresent(v -> settings.put(key, new Setting(key, v, Layer.DEFAULT, "default")));
        }
        file.ifPresent(f -> putAll(settings, ConfigFile.read(f)));
        putAll(settings, env.settings());
        putAll(settings, commandLine.settings());

        resolveSecret(settings, ConfigKey.XMPP_SECRET, ConfigKey.XMPP_SECRET_FILE);
        resolveSecret(settings, ConfigKey.STORE_KEY, ConfigKey.STORE_KEY_FILE);
        return new TransportConfig(settings);
    }

    private static void putAll(Map<ConfigKey, Setting> settings, List<Setting> layer) {
        layer.forEach(s -> settings.put(s.key(), s));
    }

    /** The secret itself or a file holding it: the higher layer wins; both in one layer is ambiguous. */
    private static void resolveSecret(Map<ConfigKey, Setting> settings, ConfigKey secretKey, ConfigKey fileKey) {
        Setting secret = settings.get(secretKey);
        Setting file = settings.remove(fileKey);
        if (file == null) {
            return;
        }
        if (secret != null && secret.layer() == file.layer()) {
            throw new ConfigException("set either '" + secretKey + "' or '" + fileKey + "', not both (from "
                    + secret.origin() + " and " + file.origin() + ")");
        }
        if (secret == null || file.layer().compareTo(secret.layer()) > 0) {
            settings.put(secretKey, SecretFile.read(file, secretKey));
        }
    }
}
