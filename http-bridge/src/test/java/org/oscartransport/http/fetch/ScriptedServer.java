package org.oscartransport.http.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) whose answers are written by the test, byte for byte:
 * wrong lengths, stalls, redirects and HEAD refusals are as easy as good answers. One request per connection.
 * Optionally TLS, recording the SNI name the client sent.
 */
final class ScriptedServer implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String target, Map<String, String> headers, String sniName) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @FunctionalInterface
    interface Script {
        void answer(Request request, OutputStream out) throws Exception;
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    /** Failures while writing an answer: the client went away (as a probe's GET does on purpose). */
    final List<Throwable> writeFailures = new CopyOnWriteArrayList<>();

    private final ServerSocket listener;
    private final Script script;
    private final boolean tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) throws IOException {
        this(script, null);
    }

    ScriptedServer(Script script, SSLContext tlsContext) throws IOException {
        this.script = script;
        this.tls = tlsContext != null;
        listener = tls ? tlsContext.getServerSocketFactory().createServerSocket() : new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    URI url(String path) {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port() + path);
    }

    List<String> methods() {
        List<String> methods = new ArrayList<>();
        requests.forEach(r -> methods.add(r.method() + " " + r.target()));
        return methods;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(20_000);
            String sni = null;
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
                if (ssl.getSession() instanceof ExtendedSSLSession session) {
                    for (SNIServerName name : session.getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) sni = host.getAsciiName();
                    }
                }
            }
            Request request = readRequest(socket.getInputStream(), sni);
            if (request == null) return;
            requests.add(request);
            OutputStream out = socket.getOutputStream();
            try {
                script.answer(request, out);
                out.flush();
            } catch (IOException e) {
                writeFailures.add(e);
            }
        } catch (Exception e) {
            // handshake refused by the client, or the client went away before sending: nothing to serve
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in, String sni) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || lines[0].isEmpty()) return null;
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(requestLine[0], requestLine[1], headers, sni);
    }

    // ---- answers ----

    /** A status line and headers; the caller writes any body. */
    static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        for (String header : headers) text.append(header).append("\r\n");
        text.append("Connection: close\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A complete answer with a Content-Length body (the body left out for HEAD). */
    static void answer(Request request, OutputStream out, int status, byte[] body, String... headers)
            throws IOException {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "Content-Length: " + body.length;
        head(out, status, all);
        if (!request.method().equals("HEAD")) out.write(body);
    }

    /** The body in chunked coding, in pieces of {@code piece} bytes. */
    static void chunked(OutputStream out, byte[] body, int piece) throws IOException {
        for (int off = 0; off < body.length; off += piece) {
            int n = Math.min(piece, body.length - off);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, off, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) socket.close();
        threads.shutdownNow();
    }
}
