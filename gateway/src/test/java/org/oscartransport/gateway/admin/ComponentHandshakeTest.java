package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The raw XEP-0114 handshake against scripted servers: what real servers send, and what an admin mistake looks like. */
class ComponentHandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' id='abc123' from='icq.localhost'>";

    @Test
    void sendsTheSha1OfStreamIdAndSecretAndReportsAcceptance() throws Exception {
        CompletableFuture<String> handshakeSent = new CompletableFuture<>();
        ComponentHandshake.Result result = againstServer(in -> {
            String text = readUntil(in, "</handshake>");
            handshakeSent.complete(text);
            return "<handshake/>";
        });

        assertThat(result.accepted()).isTrue();
        assertThat(handshakeSent.get(1, TimeUnit.SECONDS))
                .contains("<handshake>" + ComponentHandshake.sha1Hex("abc123" + "s3cret") + "</handshake>")
                .doesNotContain("s3cret");
    }

    @Test
    void reportsTheStreamErrorCondition() throws Exception {
        ComponentHandshake.Result result = againstServer(in -> {
            readUntil(in, "</handshake>");
            return "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
        });

        assertThat(result.accepted()).isFalse();
        assertThat(result.condition()).isEqualTo("not-authorized");
    }

    @Test
    void anErrorRightAfterTheHeaderNeedsNoHandshake() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, HEADER + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>", null);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                ComponentHandshake.Result result = ComponentHandshake.attempt(socket, "icq.localhost", "s3cret", TIMEOUT);
                assertThat(result.condition()).isEqualTo("host-unknown");
            }
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThatThrownBy(() -> ComponentHandshake.attempt(socket, "icq.localhost", "s3cret", Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aServerThatHangsUpIsAnIoError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 400 Bad Request\r\n\r\n", null);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThatThrownBy(() -> ComponentHandshake.attempt(socket, "icq.localhost", "s3cret", TIMEOUT))
                        .isInstanceOf(IOException.class).hasMessageContaining("closed the connection");
            }
        }
    }

    /** A server that sends {@link #HEADER}, then answers the handshake with {@code reply}'s text. */
    private static ComponentHandshake.Result againstServer(Function<InputStream, String> reply) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, HEADER, reply);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                return ComponentHandshake.attempt(socket, "icq.localhost", "s3cret", TIMEOUT);
            }
        }
    }

    private static void serve(ServerSocket server, String first, Function<InputStream, String> reply) {
        Thread thread = new Thread(() -> {
            try (Socket client = server.accept()) {
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                readUntil(in, ">");
                out.write(first.getBytes(StandardCharsets.UTF_8));
                if (reply != null) {
                    out.write(reply.apply(in).getBytes(StandardCharsets.UTF_8));
                    readUntil(in, "</stream:stream>");
                }
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // the client's side of each test asserts what matters
            }
        }, "scripted-xmpp-server");
        thread.setDaemon(true);
        thread.start();
    }

    private static String readUntil(InputStream in, String marker) {
        StringBuilder text = new StringBuilder();
        try {
            for (int b; !text.toString().contains(marker) && (b = in.read()) >= 0; ) {
                text.append((char) b);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
