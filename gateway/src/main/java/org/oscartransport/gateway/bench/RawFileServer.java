package org.oscartransport.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The plain sender of the reference paths: every connection it accepts gets the whole file by sendfile
 * ({@link FileChannel#transferTo}, what Netty's {@code DefaultFileRegion} uses in the OFT sender too), no
 * protocol at all. Connections stay open until {@link #close()}, so a relay in between never sees EOF early and
 * cannot exit before its CPU time is read.
 */
final class RawFileServer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path file;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread acceptor;

    RawFileServer(Path file) throws IOException {
        this.file = file;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        this.acceptor = new Thread(this::acceptLoop, "bench-raw-sender");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                connections.add(ch);
                Thread sender = new Thread(() -> send(ch), "bench-raw-send");
                sender.setDaemon(true);
                sender.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void send(SocketChannel ch) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            for (long sent = 0; sent < size; ) {
                sent += in.transferTo(sent, size - sent, ch);
            }
            closing.await();
        } catch (IOException | InterruptedException e) {
            // the reader went away, or we are closing: nothing to report
        } finally {
            close(ch);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        close(server);
        connections.forEach(RawFileServer::close);
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
