package org.oscartransport.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from a file ({@code xmpp.secret-file}), so it stays out of the config file, the process
 * list and the environment (systemd credentials, Docker/Kubernetes secrets). Surrounding whitespace,
 * including the trailing newline editors add, is not part of the secret.
 */
final class SecretFile {
    private SecretFile() {}

    static Setting read(Setting fileSetting, ConfigKey secretKey) {
        Path file = Path.of(ValueParsers.text(fileSetting));
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read '" + fileSetting.key() + "' '" + file + "' (from "
                    + fileSetting.origin() + "): " + Problems.describe(e));
        }
        if (content.isEmpty()) {
            throw new ConfigException("'" + fileSetting.key() + "' '" + file + "' is empty (from " + fileSetting.origin() + ")");
        }
        return new Setting(secretKey, content, fileSetting.layer(), "file " + file + " via " + fileSetting.origin());
    }
}
