package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One XEP-0114 handshake over an open socket, without Whack, so that a check never registers the component
 * (and so never takes traffic from a transport that is already running): stream header in
 * {@code jabber:component:accept}, {@code <handshake>} = hex SHA-1(stream id + secret), then a clean close.
 * Only the few markers this needs are looked for in the server's text; nothing else is parsed.
 */
final class ComponentHandshake {

    /** Accepted, or refused with the server's stream error condition (e.g. {@code not-authorized}). */
    record Result(boolean accepted, String condition) {
        static Result success() {
            return new Result(true, "");
        }

        static Result refused(String condition) {
            return new Result(false, condition);
        }
    }

    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream\\b[^>]*?\\bid=['\"]([^'\"]+)['\"]");
    private static final Pattern STREAM_ERROR = Pattern.compile("<stream:error[^>]*>\\s*<([A-Za-z-]+)");
    private static final Pattern HANDSHAKE_OK = Pattern.compile("<handshake\\s*/>|<handshake\\s*>\\s*</handshake>");
    /** Far more than a stream header and an error; a server that says more is not speaking XEP-0114. */
    private static final int MAX_TEXT = 64 * 1024;

    private final Socket socket;
    private final Duration timeout;
    private final StringBuilder received = new StringBuilder();

    private ComponentHandshake(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Runs the handshake on {@code socket}, leaves the stream closed, and never closes the socket itself. */
    static Result attempt(Socket socket, String domain, String secret, Duration timeout) throws IOException {
        return new ComponentHandshake(socket, timeout).run(domain, secret);
    }

    private Result run(String domain, String secret) throws IOException {
        OutputStream out = socket.getOutputStream();
        send(out, "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + xmlAttribute(domain) + "'>");
        Matcher id = awaitEither(STREAM_ID);
        Optional<String> error = streamError();
        if (error.isPresent()) {
            return Result.refused(error.get());
        }
        send(out, "<handshake>" + sha1Hex(id.group(1) + secret) + "</handshake>");
        awaitEither(HANDSHAKE_OK);
        error = streamError();
        if (error.isPresent()) {
            return Result.refused(error.get());
        }
        send(out, "</stream:stream>");
        return Result.success();
    }

    /** Reads until {@code wanted} matches or a stream error has arrived; returns the match of {@code wanted}. */
    private Matcher awaitEither(Pattern wanted) throws IOException {
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (true) {
            Matcher match = wanted.matcher(received);
            if (match.find() || streamError().isPresent()) {
                return match;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
            }
            socket.setSoTimeout((int) left);
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            if (received.length() + n > MAX_TEXT) {
                throw new IOException("the server sent more than " + MAX_TEXT + " bytes without an answer");
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }

    private Optional<String> streamError() {
        Matcher error = STREAM_ERROR.matcher(received);
        return error.find() ? Optional.of(error.group(1)) : Optional.empty();
    }

    private static void send(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String xmlAttribute(String value) {
        return value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
