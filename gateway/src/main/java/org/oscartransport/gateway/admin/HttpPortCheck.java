package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.oscartransport.gateway.config.HostAndPort;
import org.oscartransport.gateway.config.PortRange;
import org.oscartransport.gateway.config.TransportConfig;

/** At least one port of {@code http.ports} can be bound on {@code http.bind}: else no file can be offered. */
final class HttpPortCheck {
    private static final String AREA = "http";

    private HttpPortCheck() {}

    static void run(TransportConfig config, CheckReport report) {
        if (config.httpSharedBind().isPresent()) {
            checkShared(config.httpSharedBind().get(), report);
            return;
        }
        String bind = config.httpBind();
        PortRange ports = config.httpPorts();
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            report.fail(AREA, "cannot resolve " + bind + " (check http.bind)");
            return;
        }
        int busy = 0;
        for (int port = ports.first(); port <= ports.last(); port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(address, port));
                report.ok(AREA, "port " + port + " of " + ports + " is free on " + bind
                        + (busy > 0 ? " (" + busy + " in use before it)" : ""));
                return;
            } catch (BindException e) {
                if (!isInUse(e)) {
                    report.fail(AREA, "cannot listen on " + bind + ": " + e.getMessage()
                            + " (http.bind must be an address of this host, or 0.0.0.0)");
                    return;
                }
                busy++;
            } catch (IOException e) {
                report.fail(AREA, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                return;
            }
        }
        report.fail(AREA, "no free port in " + ports + " on " + bind + " (all " + ports.size()
                + " in use: widen http.ports or stop what holds them)");
    }

    /** The shared listener's one address must be free: it is the only way to any download. */
    private static void checkShared(HostAndPort shared, CheckReport report) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(shared.host()), shared.port()));
            report.ok(AREA, "http.shared-bind " + shared + " is free");
        } catch (IOException e) {
            report.fail(AREA, "cannot listen on " + shared + ": " + e.getMessage() + " (check http.shared-bind)");
        }
    }

    /** "Address already in use" is about the port; anything else (not a local address, no permission) is not. */
    private static boolean isInUse(BindException e) {
        return e.getMessage() != null && e.getMessage().contains("in use");
    }
}
