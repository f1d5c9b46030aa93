package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.TransportConfig;

class HttpPortCheckTest {

    @Test
    void aTakenSharedBindFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String out = check("--http.shared-bind=127.0.0.1:" + port, "--http.public-base=https://f.example/icq/");
            assertThat(out).startsWith("FAIL http: cannot listen on 127.0.0.1:" + port + ": ")
                    .endsWith(" (check http.shared-bind)\n");
        }
    }

    @Test
    void aFreeSharedBindIsOk() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String out = check("--http.shared-bind=127.0.0.1:" + port, "--http.public-base=https://f.example/icq/");
        assertThat(out).isEqualTo("ok   http: http.shared-bind 127.0.0.1:" + port + " is free\n");
    }

    @Test
    void aRangeWhosePortsAreAllTakenFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String out = check("--http.bind=127.0.0.1", "--http.ports=" + port + "-" + port);
            assertThat(out).isEqualTo("FAIL http: no free port in " + port + "-" + port
                    + " on 127.0.0.1 (all 1 in use: widen http.ports or stop what holds them)\n");
        }
    }

    @Test
    void aTakenPortIsSkippedAndCounted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String out = check("--http.bind=127.0.0.1", "--http.ports=" + port + "-" + (port + 50));
            assertThat(out).startsWith("ok   http: port ").containsPattern("is free on 127\\.0\\.0\\.1 \\([1-9][0-9]* in use before it\\)");
        }
    }

    @Test
    void anAddressThatIsNotThisHostsFails() {
        // 192.0.2.0/24 is TEST-NET-1: never assigned to a real interface.
        String out = check("--http.bind=192.0.2.1", "--http.ports=40000-40001");
        assertThat(out).startsWith("FAIL http: cannot listen on 192.0.2.1: ")
                .contains("(http.bind must be an address of this host, or 0.0.0.0)");
    }

    private static String check(String... args) {
        TransportConfig config = ConfigLoader.withEnvironment(Map.of("OSCAR_TRANSPORT_XMPP_SECRET", "x")).load(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpPortCheck.run(config, new CheckReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
