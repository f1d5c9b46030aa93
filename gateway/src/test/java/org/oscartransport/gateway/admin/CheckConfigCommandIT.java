package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.ProsodyServer;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;

/** {@code check-config} against a real Prosody and the OSCAR emulator: what an admin sees, line by line. */
class CheckConfigCommandIT {
    private static final String DOMAIN = "icq.localhost";
    private static final String SECRET = "the-component-secret-42";

    private static ProsodyServer prosody;
    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "admin"));
        prosody = ProsodyServer.start(Files.createTempDirectory(work, "prosody"), DOMAIN, SECRET);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        dataDir = Files.createTempDirectory(work, "data");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
        if (group != null) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (prosody != null) prosody.close();
    }

    @Test
    void aGoodSetupPassesEveryStepAndExitsZero() {
        Run run = checkConfig(SECRET, emulator.address().getPort());

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.lines()).contains(
                "ok   config: every key valid (transport icq.localhost)",
                "ok   xmpp: resolved 127.0.0.1 to 127.0.0.1",
                "ok   xmpp: connected to 127.0.0.1:" + prosody.componentPort(),
                "ok   xmpp: handshake accepted by 127.0.0.1:" + prosody.componentPort() + " as icq.localhost",
                "ok   oscar: connected to 127.0.0.1:" + emulator.address().getPort(),
                "ok   oscar: FLAP hello received from 127.0.0.1:" + emulator.address().getPort(),
                "all checks passed");
        assertThat(run.lines()).anyMatch(l -> l.startsWith("ok   http: port "));
        assertThat(run.lines()).noneMatch(l -> l.startsWith("FAIL"));
        assertThat(run.output).doesNotContain(SECRET);
    }

    @Test
    void aWrongSecretIsNamedWithoutPrintingEitherSecret() {
        String wrong = "not-the-secret-17";
        Run run = checkConfig(wrong, emulator.address().getPort());

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.lines()).anyMatch(l -> l.startsWith("FAIL xmpp: not-authorized (check xmpp.secret"));
        assertThat(run.lines()).contains("ok   oscar: FLAP hello received from 127.0.0.1:" + emulator.address().getPort());
        assertThat(run.output).doesNotContain(wrong).doesNotContain(SECRET);
    }

    @Test
    void anUnreachableOscarServerFailsTheOscarStepOnly() throws IOException {
        int closedPort = closedPort();
        Run run = checkConfig(SECRET, closedPort);

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.lines()).contains(
                "ok   xmpp: handshake accepted by 127.0.0.1:" + prosody.componentPort() + " as icq.localhost",
                "FAIL oscar: connection to 127.0.0.1:" + closedPort
                        + " refused (is the server running? check oscar.host and oscar.port)");
    }

    @Test
    void aConfigErrorIsOneFailLine() {
        Run run = run(List.of("--xmpp.port=nope", "--xmpp.secret=" + SECRET));

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0)).startsWith("FAIL config: ").contains("xmpp.port");
    }

    @Test
    void aServiceOnTheOscarPortThatIsNotOscarIsToldApart() throws Exception {
        // The XMPP component port answers nothing until spoken to: no FLAP hello.
        Run run = checkConfig(SECRET, prosody.c2sPort(), "--oscar.connect-timeout=1s");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.lines()).anyMatch(l -> l.startsWith("FAIL oscar: 127.0.0.1:" + prosody.c2sPort() + " sent no FLAP hello"));
    }

    private static Run checkConfig(String secret, int oscarPort, String... extra) {
        int httpPort = closedPort();
        List<String> args = new ArrayList<>(List.of(
                "--xmpp.host=127.0.0.1", "--xmpp.port=" + prosody.componentPort(), "--xmpp.domain=" + DOMAIN,
                "--oscar.host=127.0.0.1", "--oscar.port=" + oscarPort,
                "--http.bind=127.0.0.1", "--http.ports=" + httpPort + "-" + httpPort,
                "--data.dir=" + dataDir.toAbsolutePath()));
        args.addAll(List.of(extra));
        // The secret comes from the environment, as an admin's systemd EnvironmentFile would give it.
        return run(args, Map.of("OSCAR_TRANSPORT_XMPP_SECRET", secret));
    }

    private static Run run(List<String> args) {
        return run(args, Map.of());
    }

    private static Run run(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = CheckConfigCommand.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    /** A loopback port nothing listens on (the OS just handed it out and we closed it). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }
}
