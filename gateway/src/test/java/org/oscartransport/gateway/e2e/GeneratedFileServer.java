package org.oscartransport.gateway.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP server with one file of any size at {@code /files/NAME} that is never held anywhere: each response
 * generates its bytes as it writes them (a random 64 KiB block, stamped with its index so order counts) and hashes
 * what it sent. HEAD gives the length; {@link #sentInFull()} completes with the SHA-256 of the first response that
 * went out whole (a probe GET the client drops does not count).
 */
final class GeneratedFileServer implements AutoCloseable {

    private static final int BLOCK = 64 * 1024;

    private final HttpServer server;
    private final String name;
    private final long cutAfter;
    private final CompletableFuture<String> sentInFull = new CompletableFuture<>();

    private GeneratedFileServer(HttpServer server, String name, long cutAfter) {
        this.server = server;
        this.name = name;
        this.cutAfter = cutAfter;
    }

    static GeneratedFileServer serving(String name, long size) throws IOException {
        return servingCut(name, size, Long.MAX_VALUE);
    }

    /** Like {@link #serving}, but each GET hangs up after {@code cutAfter} of the announced bytes. */
    static GeneratedFileServer servingCut(String name, long size, long cutAfter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        GeneratedFileServer files = new GeneratedFileServer(server, name, cutAfter);
        server.createContext("/files/", exchange -> files.answer(exchange, size));
        server.start();
        return files;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
    }

    CompletableFuture<String> sentInFull() {
        return sentInFull;
    }

    private void answer(HttpExchange exchange, long size) {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/files/" + name)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size);
            String sha256 = writeGenerated(exchange.getResponseBody(), Math.min(size, cutAfter));
            if (cutAfter < size) throw new IOException("hanging up after " + cutAfter + " of " + size + " bytes");
            sentInFull.complete(sha256);
        } catch (IOException cut) {
            // the client stopped reading (a probe, or a cancelled transfer), or we hung up on purpose
        }
    }

    private static String writeGenerated(OutputStream out, long size) throws IOException {
        MessageDigest digest = sha256();
        byte[] block = new byte[BLOCK];
        new Random(7).nextBytes(block);
        ByteBuffer stamp = ByteBuffer.wrap(block);
        long index = 0;
        for (long left = size; left > 0; left -= BLOCK, index++) {
            stamp.putLong(0, index);
            int n = (int) Math.min(BLOCK, left);
            out.write(block, 0, n);
            digest.update(block, 0, n);
        }
        out.flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
