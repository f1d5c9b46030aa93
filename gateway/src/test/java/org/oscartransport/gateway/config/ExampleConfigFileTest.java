package org.oscartransport.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps conf/oscar-transport.conf, the admin's documentation, in step with the code. */
class ExampleConfigFileTest {
    private static final Path EXAMPLE = Path.of("..", "conf", "oscar-transport.conf");
    /** A documented key is a commented-out {@code # key = default} line. */
    private static final Pattern DOCUMENTED = Pattern.compile("^# ([a-z]+\\.[a-z.-]+) =(.*)$");

    @TempDir Path dir;

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXAMPLE)) {
            Matcher m = DOCUMENTED.matcher(line);
            if (m.matches()) {
                assertThat(documented.put(m.group(1), m.group(2).strip())).as("documented twice: " + m.group(1)).isNull();
            }
        }
        return documented;
    }

    @Test
    void documentsExactlyTheKeysTheTransportKnows() throws IOException {
        assertThat(documentedDefaults().keySet()).containsExactlyInAnyOrderElementsOf(TransportConfig.keys());
    }

    @Test
    void documentedDefaultsAreTheBuiltInOnes() throws IOException {
        documentedDefaults().forEach((key, value) ->
                assertThat(value).as(key).isEqualTo(ConfigKey.byKey(key).orElseThrow().defaultValue().orElse("")));
    }

    @Test
    void loadsAsIsAndWithEveryDefaultUncommented() throws IOException {
        TransportConfig asShipped = ConfigLoader.withEnvironment(Map.of())
                .load("--config", EXAMPLE.toString(), "--xmpp.secret=s");

        StringBuilder uncommented = new StringBuilder();
        documentedDefaults().forEach((key, value) -> {
            if (!value.isEmpty()) {
                uncommented.append(key).append(" = ").append(value).append('\n');
            }
        });
        Path conf = Files.writeString(dir.resolve("uncommented.conf"), uncommented);
        TransportConfig uncommentedDefaults = ConfigLoader.withEnvironment(Map.of())
                .load("--config", conf.toString(), "--xmpp.secret=s");

        assertThat(uncommentedDefaults.toString()).isEqualTo(asShipped.toString());
    }
}
