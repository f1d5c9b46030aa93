package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.TransportConfig;

/**
 * conf/oscar-transport.service: the hardening an admin expects is there, its environment is a valid config
 * together with conf/oscar-transport.conf, and (where systemd-analyze exists) systemd itself accepts it.
 */
class SystemdUnitTest {
    private static final ConfSnippet UNIT = ConfSnippet.read("oscar-transport.service");

    @Test
    void runsTheJarWithTheConfigFile() {
        assertThat(values("ExecStart")).containsExactly(
                "/usr/bin/java -jar /opt/oscar-transport/oscar-transport.jar run --config /etc/oscar-transport/oscar-transport.conf");
    }

    @Test
    void isHardened() {
        assertThat(values("DynamicUser")).containsExactly("yes");
        assertThat(values("ProtectSystem")).containsExactly("strict");
        assertThat(values("PrivateTmp")).containsExactly("yes");
        assertThat(values("NoNewPrivileges")).containsExactly("yes");
        assertThat(values("CapabilityBoundingSet")).as("empty: no capabilities at all").containsExactly("");
        assertThat(values("RestrictAddressFamilies")).containsExactly("AF_INET AF_INET6 AF_UNIX");
        assertThat(values("SystemCallFilter")).containsExactly("@system-service");
        assertThat(values("MemoryDenyWriteExecute")).as("would break the JIT").isEmpty();
    }

    @Test
    void keepsDataInItsStateDirectoryAndTheSecretInAnEnvironmentFile() throws Exception {
        assertThat(values("StateDirectory")).containsExactly("oscar-transport");
        assertThat(values("EnvironmentFile")).containsExactly("/etc/oscar-transport/secret.env");

        Map<String, String> env = new LinkedHashMap<>(environment());
        env.put("OSCAR_TRANSPORT_XMPP_SECRET", "from-secret-env"); // what secret.env provides
        TransportConfig config = ConfigLoader.withEnvironment(env)
                .load("--config", Path.of("..", "conf", "oscar-transport.conf").toString());
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/oscar-transport"));
    }

    @Test
    void systemdAcceptsItWithoutAWarning(@TempDir Path dir) throws Exception {
        Optional<Path> analyze = onPath("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze not installed: only the key checks above ran");
        String unit = UNIT.text();
        if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
            // verify checks that the binary exists; this machine's java stands in for Debian's.
            unit = unit.replace("ExecStart=/usr/bin/java ",
                    "ExecStart=" + ProcessHandle.current().info().command().orElseThrow() + " ");
        }
        Path file = Files.writeString(dir.resolve("oscar-transport.service"), unit, StandardCharsets.UTF_8);
        Path out = dir.resolve("verify.log");
        Process verify = new ProcessBuilder(analyze.get().toString(), "verify", "--man=no", file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).as("warnings such as unknown keys").isBlank();
    }

    /** Every value of {@code key} in the unit, in order (a unit may repeat a key). */
    private static List<String> values(String key) {
        List<String> found = new ArrayList<>();
        UNIT.text().lines().map(String::strip)
                .filter(l -> l.startsWith(key + "="))
                .forEach(l -> found.add(l.substring(key.length() + 1)));
        return found;
    }

    /** The unit's {@code Environment=} assignments (quoted or not). */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String value : values("Environment")) {
            String assignment = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return env;
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Optional.of(Path.of(d, tool));
            }
        }
        return Optional.empty();
    }
}
