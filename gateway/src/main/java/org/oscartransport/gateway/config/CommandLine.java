package org.oscartransport.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code --key=value} and {@code --key value} options, plus {@code --config FILE}. A boolean key
 * given alone ({@code --emulator.enabled}) means true. Anything else is refused, so a typo never passes
 * silently.
 */
final class CommandLine {
    static final String CONFIG_OPTION = "config";

    private final List<Setting> settings = new ArrayList<>();
    private Path configFile;

    private CommandLine() {}

    static CommandLine parse(List<String> args) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "' (options are --key=value or --key value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else if (ConfigKey.byKey(name).filter(ConfigKey::isFlag).isPresent()) {
                value = "true";
            } else {
                throw new ConfigException("'--" + name + "' needs a value");
            }
            line.add(name, value.strip());
        }
        return line;
    }

    private void add(String name, String value) {
        if (name.equals(CONFIG_OPTION)) {
            configFile = Path.of(value);
            return;
        }
        ConfigKey key = ConfigKey.byKey(name)
                .orElseThrow(() -> new ConfigException("unknown key '" + name + "' (from --" + name + ")"));
        settings.add(new Setting(key, value, Layer.COMMAND_LINE, "--" + name));
    }

    List<Setting> settings() {
        return settings;
    }

    Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }
}
