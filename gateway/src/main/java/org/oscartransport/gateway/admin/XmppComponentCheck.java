package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.oscartransport.gateway.config.TransportConfig;

/** XMPP server resolved → TCP connected → component handshake accepted with the configured secret. */
final class XmppComponentCheck {
    private static final String AREA = "xmpp";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private XmppComponentCheck() {}

    static void run(TransportConfig config, CheckReport report) {
        TcpReach reach = new TcpReach(AREA, "xmpp.host", "xmpp.port", report);
        Optional<Socket> connected = reach.connect(config.xmppHost(), config.xmppPort(), TIMEOUT);
        if (connected.isEmpty()) {
            return;
        }
        Socket socket = connected.get();
        String server = TcpReach.printable((InetSocketAddress) socket.getRemoteSocketAddress());
        try {
            ComponentHandshake.Result result =
                    ComponentHandshake.attempt(socket, config.xmppDomain(), config.xmppSecret(), TIMEOUT);
            if (result.accepted()) {
                report.ok(AREA, "handshake accepted by " + server + " as " + config.xmppDomain());
            } else {
                report.fail(AREA, result.condition() + " " + hint(result.condition(), config.xmppDomain()));
            }
        } catch (IOException e) {
            report.fail(AREA, "no component handshake with " + server + ": " + e.getMessage()
                    + " (is xmpp.port the server's component port, not the client port?)");
        } finally {
            TcpReach.closeQuietly(socket);
        }
    }

    /** What the admin should look at for the stream errors servers actually send here (see docs/xmpp.md). */
    private static String hint(String condition, String domain) {
        return switch (condition) {
            case "not-authorized" -> "(check xmpp.secret; ejabberd also says this when it does not know " + domain + ")";
            case "host-unknown", "improper-addressing" ->
                    "(the server has no component " + domain + ": check xmpp.domain and the server's component config)";
            case "conflict" -> "(another component is connected as " + domain + ": is the transport already running?)";
            default -> "(refused by the server)";
        };
    }
}
