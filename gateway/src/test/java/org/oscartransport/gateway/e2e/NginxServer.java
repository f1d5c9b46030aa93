package org.oscartransport.gateway.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real nginx in the foreground on a free loopback port, its one server block holding the {@code location} the
 * example config file documents for the shared listener, copied as an admin would (only the upstream address is
 * the test's). Every path nginx writes is under its own directory. Fails, never skips, when nginx is missing.
 */
final class NginxServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NginxServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Path dir;
    private final int port;
    private final Process process;

    private NginxServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The documented nginx {@code location} block of {@code conf/oscar-transport.conf}, uncommented. */
    static String documentedLocation() throws IOException {
        // Surefire runs with the module directory as working directory.
        String conf = Files.readString(Path.of("..", "conf", "oscar-transport.conf"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("(?m)^#   (location .*\\{\\n(?:#   .*\\n)*?)#   }$").matcher(conf);
        if (!block.find()) throw new AssertionError("conf/oscar-transport.conf documents no nginx location block");
        return block.group(1).replaceAll("(?m)^#   ", "") + "}\n";
    }

    /** Starts nginx with {@code location} (its upstream {@code 127.0.0.1:8080} replaced by {@code upstream}). */
    static NginxServer start(Path workDir, String location, InetSocketAddress upstream)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) throw new AssertionError(NGINX + " not found: apt-get install nginx");
        Path dir = workDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        int port = freePort();
        String upstreamText = upstream.getAddress().getHostAddress() + ":" + upstream.getPort();
        // As root the workers would switch to "nobody", who cannot write under the test's directory.
        String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
        String config = user + """
                daemon off;
                worker_processes 1;
                pid DIR/nginx.pid;
                error_log DIR/error.log info;
                events { worker_connections 64; }
                http {
                    access_log DIR/access.log;
                    client_body_temp_path DIR/client_body;
                    proxy_temp_path DIR/proxy;
                    fastcgi_temp_path DIR/fastcgi;
                    uwsgi_temp_path DIR/uwsgi;
                    scgi_temp_path DIR/scgi;
                    server {
                        listen 127.0.0.1:PORT;
                LOCATION
                    }
                }
                """.replace("DIR", dir.toString()).replace("PORT", Integer.toString(port))
                .replace("LOCATION", location.replace("127.0.0.1:8080", upstreamText));
        Path configFile = Files.writeString(dir.resolve("nginx.conf"), config);
        Process process = new ProcessBuilder(List.of(NGINX.toString(), "-p", dir.toString(), "-c",
                configFile.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        NginxServer server = new NginxServer(dir, port, process);
        server.awaitListening();
        log.info("nginx listening on 127.0.0.1:{}, proxying to {}", port, upstreamText);
        return server;
    }

    int port() {
        return port;
    }

    /** What nginx logged, for failure messages. */
    String errorLog() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no error.log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")) + errorLog());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new AssertionError("nginx did not listen within " + START_TIMEOUT + ": " + errorLog());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /** SIGTERM is nginx's fast shutdown; the workers go with the master. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
