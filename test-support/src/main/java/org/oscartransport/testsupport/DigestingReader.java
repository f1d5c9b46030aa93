package org.oscartransport.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * The far end of a relay in tests: a blocking loopback listener that accepts one connection and hashes (SHA-256)
 * what arrives, until EOF or until it chooses to hang up.
 */
public final class DigestingReader implements AutoCloseable {

    /** What arrived: how many bytes, and their SHA-256. */
    public record Received(long bytes, byte[] sha256) {}

    private final ServerSocket server;
    private final CompletableFuture<Received> received = new CompletableFuture<>();

    private DigestingReader(long hangUpAfter) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> read(hangUpAfter), "digesting-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads until EOF. */
    public static DigestingReader start() throws IOException {
        return new DigestingReader(Long.MAX_VALUE);
    }

    /** Hangs up once it has {@code bytes} or more. */
    public static DigestingReader hangingUpAfter(long bytes) throws IOException {
        return new DigestingReader(bytes);
    }

    public SocketAddress address() {
        return server.getLocalSocketAddress();
    }

    /** Completes when the connection ended (EOF, or the reader hung up). */
    public CompletableFuture<Received> received() {
        return received;
    }

    private void read(long hangUpAfter) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; total < hangUpAfter && (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                total += n;
            }
            received.complete(new Received(total, sha256.digest()));
        } catch (Exception e) {
            received.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
