package org.oscartransport.gateway.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare XEP-0114 connection over a plain socket, independent of Whack, to prove the server side of the
 * harness: stream header in {@code jabber:component:accept}, then {@code <handshake>} = hex SHA-1(stream id +
 * secret). It keeps everything the server sent as text, which is enough for assertions.
 */
final class RawComponentConnection implements AutoCloseable {
    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream\\b[^>]*\\bid=['\"]([^'\"]+)['\"]");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private int consumed;

    private RawComponentConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Opens the stream and sends the handshake. Returns the connection whatever the server answers; check
     * {@link #awaitText} for {@code <handshake/>} (accepted) or a stream error such as {@code not-authorized}.
     */
    static RawComponentConnection handshake(int port, String domain, String secret, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        RawComponentConnection conn = new RawComponentConnection(socket);
        conn.send("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + domain + "'>");
        String header = conn.awaitText(t -> STREAM_ID.matcher(t).find(), timeout);
        Matcher id = STREAM_ID.matcher(header);
        if (!id.find()) {
            throw new IllegalStateException("no stream id in " + header);
        }
        conn.send("<handshake>" + sha1Hex(id.group(1) + secret) + "</handshake>");
        return conn;
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads until the text received since the last successful call satisfies {@code done}, and returns that
     * text. Throws AssertionError with what arrived on timeout or end of stream.
     */
    String awaitText(Predicate<String> done, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (true) {
            String fresh = received.substring(consumed);
            if (done.test(fresh)) {
                consumed = received.length();
                return fresh;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("timed out; the server sent: " + fresh);
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (n < 0) {
                throw new AssertionError("stream closed; the server sent: " + fresh);
            }
            // Fine for tests: ASCII-only stanzas, so no multi-byte sequence is split across reads.
            received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }

    String awaitText(String contained, Duration timeout) throws IOException {
        return awaitText(t -> t.contains(contained), timeout);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
