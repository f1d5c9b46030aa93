package org.oscartransport.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One reader of the benchmark: connects, optionally sends a GET and parses the response head, then counts body
 * bytes into a shared scratch buffer until it has them all. Non-blocking; driven by {@link ReaderPool}.
 */
final class Download {

    private final InetSocketAddress address;
    private final String request;
    private long expected;
    private final StringBuilder head = new StringBuilder();
    private SocketChannel channel;
    private boolean headDone;
    private long bodyBytes;

    private Download(InetSocketAddress address, String request, long expected) {
        this.address = address;
        this.request = request;
        this.expected = expected;
        this.headDone = request == null;
    }

    /** Raw bytes from {@code port}, no protocol: the reference paths. */
    static Download raw(int port, long size) {
        return new Download(new InetSocketAddress("127.0.0.1", port), null, size);
    }

    /** An HTTP/1.1 GET of {@code url}; the body length comes from Content-Length. */
    static Download get(URI url) {
        String request = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUser-Agent: oscar-transport-bench\r\nConnection: close\r\n\r\n";
        return new Download(new InetSocketAddress(url.getHost(), url.getPort()), request, -1);
    }

    SocketChannel open() throws IOException {
        channel = SocketChannel.open(address);
        if (request != null) {
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
        channel.configureBlocking(false);
        return channel;
    }

    /** Reads what is there. Returns false at EOF (complete or not). */
    boolean read(ByteBuffer scratch) throws IOException {
        while (true) {
            scratch.clear();
            int n = channel.read(scratch);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            if (headDone) {
                bodyBytes += n;
            } else {
                scratch.flip();
                consumeHead(scratch);
            }
            if (isComplete()) {
                return true;
            }
        }
    }

    private void consumeHead(ByteBuffer data) throws IOException {
        while (data.hasRemaining() && !headDone) {
            head.append((char) (data.get() & 0xFF));
            if (endsWithBlankLine()) {
                headDone = true;
                expected = contentLength();
            }
        }
        bodyBytes += data.remaining();
    }

    private boolean endsWithBlankLine() {
        int n = head.length();
        return n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                && head.charAt(n - 1) == '\n';
    }

    private long contentLength() throws IOException {
        String text = head.toString();
        if (!text.startsWith("HTTP/1.1 200")) {
            throw new IOException("download answered " + text.lines().findFirst().orElse("nothing"));
        }
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        throw new IOException("download answered without Content-Length");
    }

    boolean isComplete() {
        return headDone && bodyBytes >= expected;
    }

    /** Raw readers close as soon as they have everything; HTTP readers let the server close first. */
    boolean closesFirst() {
        return request == null;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    long expected() {
        return expected;
    }

    void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }
}
