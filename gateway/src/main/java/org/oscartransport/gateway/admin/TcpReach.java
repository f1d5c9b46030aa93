package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The first two steps every outgoing connection shares: resolve the host, then open TCP to one of its
 * addresses. Each step is reported; a failure names the config keys to look at.
 */
final class TcpReach {
    private final String area;
    private final String hostKey;
    private final String portKey;
    private final CheckReport report;

    TcpReach(String area, String hostKey, String portKey, CheckReport report) {
        this.area = area;
        this.hostKey = hostKey;
        this.portKey = portKey;
        this.report = report;
    }

    /** A connected socket, or empty once a failure has been reported. */
    Optional<Socket> connect(String host, int port, Duration timeout) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            report.fail(area, "cannot resolve " + host + " (check " + hostKey + ")");
            return Optional.empty();
        }
        report.ok(area, "resolved " + host + " to " + Arrays.stream(addresses)
                .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));

        String lastProblem = "";
        for (InetAddress address : addresses) {
            InetSocketAddress target = new InetSocketAddress(address, port);
            Socket socket = new Socket();
            try {
                socket.connect(target, (int) timeout.toMillis());
                report.ok(area, "connected to " + printable(target));
                return Optional.of(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                lastProblem = describe(target, e, timeout);
            }
        }
        report.fail(area, lastProblem);
        return Optional.empty();
    }

    private String describe(InetSocketAddress target, IOException e, Duration timeout) {
        String where = printable(target);
        if (e instanceof ConnectException) {
            return "connection to " + where + " refused (is the server running? check " + hostKey + " and " + portKey + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + where + " within " + timeout.toMillis() + " ms (firewall? check " + hostKey
                    + " and " + portKey + ")";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + where + " (check " + hostKey + ")";
        }
        return "cannot connect to " + where + ": " + e.getMessage();
    }

    static String printable(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do: the check is over
        }
    }
}
