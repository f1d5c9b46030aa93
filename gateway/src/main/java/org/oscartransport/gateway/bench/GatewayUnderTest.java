package org.oscartransport.gateway.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.UserSettings;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.gateway.store.UserSettingsStore;
import org.oscartransport.gateway.metrics.TransportMetrics;
import org.oscartransport.gateway.transfer.ActiveTransfers;
import org.oscartransport.gateway.transfer.InboundTransfers;
import org.oscartransport.gateway.transfer.TransferLimits;
import org.oscartransport.http.endpoint.HttpEndpointConfig;
import org.oscartransport.http.endpoint.PortRange;
import org.oscartransport.http.endpoint.TransferEndpoints;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * The transport's own parts, wired as {@code Transport.start} wires them (one NIO event loop group with its
 * default size for OSCAR sessions, OFT connections and HTTP endpoints; {@link InboundTransfers} with
 * {@link TransferEndpoints}; {@link UserSessions}), minus the XMPP connection, which {@link CapturedOffers}
 * stands in for, and the database, which {@link MemoryRegistrations} does (looked up on the caller's thread: it
 * never blocks).
 */
final class GatewayUnderTest implements AutoCloseable {

    static final String DOMAIN = "icq.bench";
    private static final PortRange HTTP_PORTS = new PortRange(21000, 24999);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final MemoryRegistrations store = new MemoryRegistrations();
    private final CapturedOffers xmpp = new CapturedOffers();
    private final TransferEndpoints endpoints;
    private final UserSessions sessions;

    GatewayUnderTest(InetSocketAddress oscarServer) {
        OscarClient oscar = new OscarClient(group, new OscarClientConfig(oscarServer, Duration.ofSeconds(20),
                Duration.ofSeconds(120), true, Duration.ofMinutes(30)));
        endpoints = new TransferEndpoints(group, HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", HTTP_PORTS));
        ContactJids jids = new ContactJids(DOMAIN);
        // the same meters as the transport, so the bench measures the relay as it runs in production
        TransportMetrics metrics = new TransportMetrics();
        InboundTransfers transfers = new InboundTransfers(endpoints, xmpp, jids, Duration.ofMinutes(30),
                metrics.transfers(), new ActiveTransfers(), new UserSettingsCache(new NoSettings()),
                TransferLimits.NONE);
        sessions = new UserSessions(store, Runnable::run, oscar, xmpp, jids, transfers, metrics.sessions());
    }

    CapturedOffers xmpp() {
        return xmpp;
    }

    static String bareJid(String uin) {
        return "u" + uin + "@bench.local";
    }

    /**
     * Registers each UIN for a Jabber user and sends that user's available presence, at most {@code window}
     * logins under way at once; returns when every ICQ session is signed on.
     */
    void signOn(List<String> uins, int window, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<String> waiting = new ArrayDeque<>(uins);
        List<String> pending = new ArrayList<>();
        while (!waiting.isEmpty() || !pending.isEmpty()) {
            while (pending.size() < window && !waiting.isEmpty()) {
                String uin = waiting.poll();
                store.save(new Registration(bareJid(uin), uin, "pw" + uin));
                Presence available = new Presence();
                available.setFrom(new JID(bareJid(uin) + "/bench"));
                available.setTo(new JID(DOMAIN));
                sessions.presence(available);
                pending.add(uin);
            }
            pending.removeIf(uin -> {
                UserSession session = sessions.session(bareJid(uin)).orElseThrow(() ->
                        new IllegalStateException("ICQ login of " + uin + " failed"));
                return session.oscar().isPresent();
            });
            if (System.nanoTime() > deadline) {
                throw new TimeoutException((waiting.size() + pending.size()) + " of " + uins.size()
                        + " sessions not signed on within " + timeout);
            }
            Thread.sleep(pending.size() < window ? 1 : 10);
        }
    }

    /** Closes every endpoint (which cancels offers nobody downloaded) and waits until they are closed. */
    void closeEndpoints() {
        endpoints.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoints.openCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /**
     * Endpoints first (their cancels hop onto the sessions' loops), then the sessions, then the loops, with a
     * quiet period so that those hops are not refused by a loop already gone.
     */
    @Override
    public void close() {
        closeEndpoints();
        sessions.closeAll();
        group.shutdownGracefully(200, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Bench users keep the default settings; nothing is stored. */
    private static final class NoSettings implements UserSettingsStore {
        @Override
        public java.util.Map<String, UserSettings> allSettings() {
            return java.util.Map.of();
        }

        @Override
        public void saveSettings(String bareJid, UserSettings settings) {}
    }
}
