package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.cli.Main;
import org.oscartransport.gateway.it.ProsodyServer;
import org.oscartransport.gateway.it.XmppTestClient;

/** {@code run} in a child JVM, stopped the way systemd stops it: SIGTERM runs the shutdown hook. */
class SigtermIT {
    private static final String DOMAIN = "icq.localhost";
    private static final String SECRET = "sigterm-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void sigtermTellsOnlineUsersTheTransportIsGoneAndExits() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "admin"));
        Path log = Files.createTempFile(work, "transport", ".log");
        try (ProsodyServer prosody = ProsodyServer.start(Files.createTempDirectory(work, "prosody"), DOMAIN, SECRET)) {
            prosody.registerUser("dave", "davepw");
            int httpPort = TransportUnderTest.freePort();
            int oscarPort = TransportUnderTest.freePort();
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run",
                    "--xmpp.port=" + prosody.componentPort(), "--xmpp.domain=" + DOMAIN,
                    // the embedded emulator: the transport is "available" to a user only once their ICQ login worked
                    "--emulator.enabled=true", "--emulator.listen=127.0.0.1:" + oscarPort,
                    "--oscar.host=127.0.0.1", "--oscar.port=" + oscarPort,
                    "--http.ports=" + httpPort + "-" + httpPort,
                    "--data.dir=" + Files.createTempDirectory(work, "data").toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("OSCAR_TRANSPORT_XMPP_SECRET", SECRET);
            Process transport = builder.start();
            try {
                awaitLog(log, "connected to the XMPP server", transport);
                try (XmppTestClient dave = XmppTestClient.connect(prosody, "dave", "davepw", "desk")) {
                    assertThat(dave.register(DOMAIN, "100009", "pw").getType()).isEqualTo(IQ.Type.result);
                    dave.sendPresenceAvailable();
                    dave.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), WAIT);

                    transport.destroy(); // SIGTERM

                    dave.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN)
                            && p.getType() == Presence.Type.unavailable, WAIT);
                    assertThat(transport.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(read(log)).isTrue();
                    assertThat(transport.exitValue()).as("the JVM's exit code after SIGTERM").isEqualTo(143);
                    assertThat(read(log)).contains("transport " + DOMAIN + " stopping").doesNotContain(SECRET);
                }
            } finally {
                transport.destroyForcibly();
            }
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void awaitLog(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!read(log).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the transport did not log '" + text + "':\n" + read(log));
            }
            Thread.sleep(50);
        }
    }

    private static String read(Path log) {
        try {
            return String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

}
