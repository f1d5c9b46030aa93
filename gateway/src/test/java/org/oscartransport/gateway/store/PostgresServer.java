package org.oscartransport.gateway.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL for tests, from the Debian packages' binaries: its own cluster in a temporary folder, on
 * a free loopback port, trust authentication, stopped on close. Fails (never skips) when PostgreSQL is missing.
 * As root, the server runs as the {@code postgres} user, which PostgreSQL insists on.
 */
final class PostgresServer implements AutoCloseable {

    private static final String USER = "oscar";

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final java.util.concurrent.atomic.AtomicInteger databases = new java.util.concurrent.atomic.AtomicInteger();

    private PostgresServer(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("oscar-pg");
        Path data = dir.resolve("data");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, data, port, root);
        server.command(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-sync"));
        server.command(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("postgres.log").toString(), "-w", "-t", "30", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir + " -c fsync=off",
                "start"));
        server.command(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                USER, "-d", "postgres", "-c", "CREATE DATABASE transport"));
        return server;
    }

    String jdbcUrl() {
        return jdbcUrl("transport");
    }

    /** Creates one more empty database and returns its URL. */
    String newDatabase() throws java.sql.SQLException {
        String name = "transport" + databases.incrementAndGet();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl());
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        command(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        try (Stream<Path> files = Files.walk(data.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void command(List<String> command) throws IOException, InterruptedException {
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
        }
    }

    private static Path findBinaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                Path bin = dirs.map(d -> d.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.naturalOrder()).orElse(null);
                if (bin != null) {
                    return bin;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: apt-get install postgresql");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
