package org.oscartransport.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/** Reads a config file in Java-properties syntax ({@code key = value}, {@code #} comments), UTF-8. */
final class ConfigFile {
    private ConfigFile() {}

    static List<Setting> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + Problems.describe(e));
        }
        String origin = "file " + file;
        List<Setting> settings = new ArrayList<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            ConfigKey key = ConfigKey.byKey(name)
                    .orElseThrow(() -> new ConfigException("unknown key '" + name + "' (from " + origin + ")"));
            settings.add(new Setting(key, properties.getProperty(name).strip(), Layer.FILE, origin));
        }
        return settings;
    }
}
