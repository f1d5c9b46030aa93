package org.oscartransport.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP source of the outbound paths: answers HEAD and GET for one file with its Content-Length, the body by
 * sendfile ({@link FileChannel#transferTo}, as an nginx or a Netty {@code FileRegion} would), then closes
 * ({@code Connection: close}). One thread per connection; the bench has one at a time.
 */
final class HttpFileServer implements AutoCloseable {

    private static final int MAX_HEAD = 8192;

    private final ServerSocketChannel server;
    private final Path file;
    private final String name;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();

    HttpFileServer(Path file) throws IOException {
        this.file = file;
        this.name = file.getFileName().toString();
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 64);
        Thread acceptor = new Thread(this::acceptLoop, "bench-http-source");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    /** The file's URL on {@code port} (this server's own, or a relay's in front of it). */
    URI url(int port) {
        return URI.create("http://127.0.0.1:" + port + "/" + name);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                connections.add(ch);
                Thread t = new Thread(() -> serve(ch), "bench-http-send");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch; FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            String head = readHead(ch);
            boolean get = head.startsWith("GET ");
            if (!get && !head.startsWith("HEAD ")) {
                write(ch, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            long size = in.size();
            write(ch, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n");
            for (long sent = 0; get && sent < size; ) {
                sent += in.transferTo(sent, size - sent, ch);
            }
        } catch (IOException e) {
            // the client went away, or we are closing: nothing to report
        } finally {
            connections.remove(ch);
        }
    }

    /** Reads up to the blank line that ends a request head (no request here has a body). */
    private static String readHead(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_HEAD);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                break;
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            if (text.contains("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("no complete request head");
    }

    private static void write(SocketChannel ch, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            ch.write(out);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (SocketChannel ch : connections) {
            try {
                ch.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
