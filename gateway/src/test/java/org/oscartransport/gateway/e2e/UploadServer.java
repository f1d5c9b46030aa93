package org.oscartransport.gateway.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the HTTP upload service of a Jabber user's server (XEP-0363): serves one file at
 * {@code /upload/<anything>/<its name>}, HEAD included, and 404 for every other path.
 */
final class UploadServer implements AutoCloseable {

    private final HttpServer server;
    private final Path file;

    private UploadServer(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    static UploadServer serving(Path file, String contentType) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String name = "/" + file.getFileName();
        server.createContext("/upload/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().endsWith(name)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.getResponseHeaders().add("Content-Type", contentType);
                long size = Files.size(file);
                // -1 is "no body" (sent as Content-length: 0); 0 would mean chunked
                exchange.sendResponseHeaders(200, head || size == 0 ? -1 : size);
                if (!head && size > 0) {
                    Files.copy(file, exchange.getResponseBody());
                }
            } catch (IOException cut) {
                // the transport stopped reading: a cancelled or failed transfer
            }
        });
        server.start();
        return new UploadServer(server, file);
    }

    /** The URL of the served file, or of another {@code name} under the same folder (which answers 404). */
    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/abc/" + name;
    }

    String url() {
        return url(file.getFileName().toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
