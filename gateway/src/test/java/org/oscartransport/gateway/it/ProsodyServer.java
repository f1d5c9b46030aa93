package org.oscartransport.gateway.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prosody started as a child process on 127.0.0.1 with a generated config (see docs/xmpp.md §2).
 * Ports are ephemeral ones chosen by the OS, so parallel builds on one machine do not collide.
 * Tests fail (never skip) when Prosody is not installed.
 */
public final class ProsodyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProsodyServer.class);
    private static final String DOMAIN = "localhost";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;
    /** What Prosody logs (and keeps running!) when a port is taken. */
    private static final String BIND_FAILURE = "Failed to open server port";

    private final Path workDir;
    private final Path config;
    private final Path consoleLog;
    private final String componentDomain;
    private final String componentSecret;
    private final int c2sPort;
    private final int componentPort;
    private Process process;
    private Thread shutdownHook;
    /** Size of the (appended) console log when the current run started: only what follows belongs to it. */
    private long logStart;

    private ProsodyServer(Path workDir, String componentDomain, String componentSecret, int c2sPort, int componentPort) {
        this.workDir = workDir;
        this.config = workDir.resolve("prosody.cfg.lua");
        this.consoleLog = workDir.resolve("prosody.log");
        this.componentDomain = componentDomain;
        this.componentSecret = componentSecret;
        this.c2sPort = c2sPort;
        this.componentPort = componentPort;
    }

    /**
     * Writes the config into {@code workDir} and starts Prosody on two free loopback ports. Retries with fresh ports
     * if another process grabbed one between choosing and binding it.
     */
    public static ProsodyServer start(Path workDir, String componentDomain, String componentSecret) throws IOException {
        requireInstalled();
        Path dir = workDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = freePorts(2);
            ProsodyServer server = new ProsodyServer(dir, componentDomain, componentSecret, ports[0], ports[1]);
            server.writeConfig();
            try {
                server.launch();
                return server;
            } catch (PortTakenException e) {
                server.stop();
                last = e;
                log.warn("Prosody could not bind its ports (attempt {}), retrying with new ones", attempt);
            }
        }
        throw last;
    }

    public int c2sPort() {
        return c2sPort;
    }

    public int componentPort() {
        return componentPort;
    }

    /** The VirtualHost users live on. */
    public String domain() {
        return DOMAIN;
    }

    public String componentDomain() {
        return componentDomain;
    }

    public String componentSecret() {
        return componentSecret;
    }

    public Path configFile() {
        return config;
    }

    /** Creates or overwrites an account; works whether the server runs or not (prosodyctl writes the store). */
    public void registerUser(String user, String password) {
        List<String> cmd = List.of("prosodyctl", "--config", config.toString(), "register", user, DOMAIN, password);
        Path out = workDir.resolve("prosodyctl.log");
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("prosodyctl register " + user + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl register " + user + " failed with exit code "
                        + p.exitValue() + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (Prosody shuts down cleanly in under a second), then SIGKILL if it hangs. Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                log.warn("Prosody ignored SIGTERM, killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
        process = null;
    }

    /** Stops and starts again on the same ports with the same data (accounts survive). */
    public synchronized void restart() throws IOException {
        stop();
        launch();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last lines of Prosody's console log, for failure messages. */
    public String logTail() {
        return logTail(40);
    }

    public String logTail(int lines) {
        try {
            if (!Files.exists(consoleLog)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(consoleLog, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Prosody[c2s=" + c2sPort + ", component=" + componentPort + ", dir=" + workDir + "]";
    }

    private synchronized void launch() throws IOException {
        logStart = Files.exists(consoleLog) ? Files.size(consoleLog) : 0;
        // Console output goes to a file: Prosody resolves a log `filename` against the start directory, not data_path.
        process = new ProcessBuilder("prosody", "-F", "--config", config.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .start();
        // A crashed test JVM must not leave Prosody holding ports.
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly, "prosody-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitListening();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.info("{} started", this);
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(accepts(c2sPort) && accepts(componentPort))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prosody exited with code " + process.exitValue()
                        + " during start-up. Log tail:\n" + logTail());
            }
            if (currentRunLog().contains(BIND_FAILURE)) {
                throw new PortTakenException(logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prosody did not listen on 127.0.0.1:" + c2sPort + " and :"
                        + componentPort + " within " + START_TIMEOUT.toSeconds() + " s. Log tail:\n" + logTail());
            }
            sleep(50);
        }
        // Someone else may answer on a port Prosody failed to bind; Prosody then logs it but keeps running.
        if (currentRunLog().contains(BIND_FAILURE)) {
            throw new PortTakenException(logTail());
        }
    }

    private String currentRunLog() {
        try {
            byte[] all = Files.readAllBytes(consoleLog);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void writeConfig() throws IOException {
        String cfg = String.join("\n",
                "-- generated by " + ProsodyServer.class.getName() + "; loopback only, for tests",
                "data_path = " + lua(workDir.resolve("data")),
                "pidfile = " + lua(workDir.resolve("data/prosody.pid")),
                "log = { { levels = { min = \"info\" }, to = \"console\" } }",
                "certificates = " + lua(workDir.resolve("certs")) + " -- empty: no STARTTLS, no cert warnings",
                "run_as_root = true -- otherwise mod_posix shuts down when CI runs as root",
                "interfaces = { \"127.0.0.1\" }",
                "component_interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + c2sPort + " }",
                "component_ports = { " + componentPort + " }",
                "modules_disabled = { \"s2s\" }",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\"; }",
                "authentication = \"internal_hashed\"",
                "c2s_require_encryption = false",
                "allow_unencrypted_plain_auth = true",
                "allow_registration = false",
                "",
                "VirtualHost " + lua(DOMAIN),
                "",
                "Component " + lua(componentDomain),
                "  component_secret = " + lua(componentSecret),
                "");
        Files.writeString(config, cfg, StandardCharsets.UTF_8);
    }

    private static String lua(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static void requireInstalled() {
        requireInstalled(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Fails, never skips: a CI machine without Prosody must not report green integration tests. */
    static void requireInstalled(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "prosody")) && Files.isExecutable(Path.of(dir, "prosodyctl"))) {
                return;
            }
        }
        throw new IllegalStateException("Prosody is not installed: apt-get install prosody (looked in PATH=" + path + ")");
    }

    /** Ephemeral ports from the OS; all are held open together so they are distinct. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    /** Prosody started but could not bind a port someone else took meanwhile. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String logTail) {
            super("Prosody could not bind its ports. Log tail:\n" + logTail);
        }
    }
}
