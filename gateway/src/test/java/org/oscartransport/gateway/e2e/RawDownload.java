package org.oscartransport.gateway.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A download that hangs up part-way, as a client killed mid-transfer does: plain socket, no client library. */
final class RawDownload {

    private RawDownload() {}

    /** GETs {@code url}, reads the headers and {@code bodyBytes} of the body, then closes the connection. */
    static byte[] firstBytesThenHangUp(String url, int bodyBytes) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            skipHeaders(in);
            return in.readNBytes(bodyBytes);
        }
    }

    private static void skipHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed in the headers: " + head);
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
            throw new IOException("not a download: " + head);
        }
    }
}
