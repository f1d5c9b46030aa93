package org.oscartransport.gateway.admin;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.oscartransport.gateway.config.TransportConfig;
import org.oscartransport.oscar.flap.FlapFrame;

/**
 * OSCAR login server resolved → TCP connected → FLAP hello received (every OSCAR server greets a new connection
 * with a channel-1 frame first, so this tells an OSCAR server from anything else on that port).
 * With the embedded emulator there is no server yet: only its listen address is checked.
 */
final class OscarServerCheck {
    private static final String AREA = "oscar";

    private OscarServerCheck() {}

    static void run(TransportConfig config, CheckReport report) {
        if (config.emulatorEnabled()) {
            checkEmulatorAddress(config, report);
            return;
        }
        Duration timeout = config.oscarConnectTimeout();
        TcpReach reach = new TcpReach(AREA, "oscar.host", "oscar.port", report);
        Optional<Socket> connected = reach.connect(config.oscarHost(), config.oscarPort(), timeout);
        if (connected.isEmpty()) {
            return;
        }
        Socket socket = connected.get();
        String server = TcpReach.printable((InetSocketAddress) socket.getRemoteSocketAddress());
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int marker = in.readUnsignedByte();
            int channel = in.readUnsignedByte();
            if (marker != FlapFrame.MARKER) {
                report.fail(AREA, server + " does not speak OSCAR (first byte 0x" + Integer.toHexString(marker)
                        + ", a FLAP frame starts with 0x2a; check oscar.port)");
            } else if (channel != FlapFrame.CHANNEL_SIGNON) {
                report.fail(AREA, server + " sent FLAP channel " + channel + " instead of the sign-on hello");
            } else {
                report.ok(AREA, "FLAP hello received from " + server);
            }
        } catch (SocketTimeoutException e) {
            report.fail(AREA, server + " sent no FLAP hello within " + timeout.toMillis() + " ms (not an OSCAR server?)");
        } catch (IOException e) {
            report.fail(AREA, server + " closed the connection before its FLAP hello (not an OSCAR server?)");
        } finally {
            TcpReach.closeQuietly(socket);
        }
    }

    private static void checkEmulatorAddress(TransportConfig config, CheckReport report) {
        InetSocketAddress listen = new InetSocketAddress(config.emulatorListen().host(), config.emulatorListen().port());
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(listen);
            report.ok(AREA, "embedded emulator can listen on " + config.emulatorListen()
                    + " (started by 'run'; never expose it)");
        } catch (IOException e) {
            report.fail(AREA, "embedded emulator cannot listen on " + config.emulatorListen() + ": " + e.getMessage()
                    + " (check emulator.listen)");
        }
    }
}
