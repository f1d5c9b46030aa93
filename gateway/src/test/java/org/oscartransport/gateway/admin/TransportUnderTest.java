package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.config.ConfigLoader;

/** Starts the real transport against a component port, with throwaway data and HTTP ports. */
final class TransportUnderTest {
    private TransportUnderTest() {}

    static Transport start(int componentPort, String domain, String secret, Path work) throws Exception {
        int httpPort = freePort();
        return Transport.start(ConfigLoader.withEnvironment(Map.of("OSCAR_TRANSPORT_XMPP_SECRET", secret)).load(
                "--xmpp.host=127.0.0.1", "--xmpp.port=" + componentPort, "--xmpp.domain=" + domain,
                "--oscar.host=127.0.0.1", "--oscar.port=" + freePort(),
                "--http.bind=127.0.0.1", "--http.ports=" + httpPort + "-" + httpPort,
                "--data.dir=" + Files.createTempDirectory(work, "data").toAbsolutePath()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
