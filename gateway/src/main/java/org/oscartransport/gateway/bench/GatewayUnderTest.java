package org.oscartransport.gateway.bench;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.io.NettyIo;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.UserSettings;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.gateway.store.UserSettingsStore;
import org.oscartransport.gateway.metrics.TransportMetrics;
import org.oscartransport.gateway.transfer.ActiveTransfers;
import org.oscartransport.gateway.transfer.InboundTransfers;
import org.oscartransport.gateway.transfer.OutboundTransfers;
import org.oscartransport.gateway.transfer.TransferLimits;
import org.oscartransport.http.endpoint.HttpEndpointConfig;
import org.oscartransport.http.endpoint.PortRange;
import org.oscartransport.http.endpoint.TransferEndpoints;
import org.oscartransport.http.fetch.FetchPolicy;
import org.oscartransport.http.fetch.UrlFetcher;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * The transport's own parts, wired as {@code Transport.start} wires them (one event loop group with its default
 * size on {@link NettyIo#best()} for OSCAR sessions, OFT connections, HTTP endpoints and fetches;
 * {@link InboundTransfers} with {@link TransferEndpoints}; {@link OutboundTransfers} with {@link UrlFetcher};
 * {@link UserSessions}), minus the XMPP connection, which {@link CapturedOffers} stands in for, and the database,
 * which {@link MemoryRegistrations} does (looked up on the caller's thread: it never blocks).
 */
final class GatewayUnderTest implements AutoCloseable {

    static final String DOMAIN = "icq.bench";
    private static final PortRange HTTP_PORTS = new PortRange(21000, 24999);

    private final NettyIo io = NettyIo.best();
    private final EventLoopGroup group = io.newGroup();
    private final MemoryRegistrations store = new MemoryRegistrations();
    private final CapturedOffers xmpp = new CapturedOffers();
    private final TransferEndpoints endpoints;
    private final UserSessions sessions;
    private final UrlFetcher fetcher;
    private final OutboundTransfers outbound;

    GatewayUnderTest(InetSocketAddress oscarServer) {
        this(oscarServer, null);
    }

    /** @param spoolDir where the HTTP endpoints spool downloads, as with {@code transfer.spool}; null: stream-only */
    GatewayUnderTest(InetSocketAddress oscarServer, java.nio.file.Path spoolDir) {
        OscarClient oscar = new OscarClient(group, new OscarClientConfig(oscarServer, Duration.ofSeconds(20),
                Duration.ofSeconds(120), true, Duration.ofMinutes(30)), io.sockets());
        endpoints = new TransferEndpoints(group, io.serverChannels(),
                spoolDir == null ? HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", HTTP_PORTS)
                        : HttpEndpointConfig.of("127.0.0.1", "127.0.0.1", HTTP_PORTS).withSpool(spoolDir, 0, 0));
        ContactJids jids = new ContactJids(DOMAIN);
        // the same meters as the transport, so the bench measures the relay as it runs in production
        TransportMetrics metrics = new TransportMetrics();
        InboundTransfers transfers = new InboundTransfers(endpoints, xmpp, jids, Duration.ofMinutes(30),
                metrics.transfers(), new ActiveTransfers(), new UserSettingsCache(new NoSettings()),
                TransferLimits.NONE);
        sessions = new UserSessions(store, Runnable::run, oscar, xmpp, jids, transfers, metrics.sessions());
        // the bench's file server is on loopback; the endpoints' own ports stay refused, as in Transport.start
        FetchPolicy policy = FetchPolicy.defaults().withPrivateAddresses(true).withMaxSize(FetchPolicy.OFT_MAX_SIZE)
                .withRefusedOwnPorts(IntStream.rangeClosed(HTTP_PORTS.first(), HTTP_PORTS.last()).boxed()
                        .collect(Collectors.toSet()));
        fetcher = new UrlFetcher(group, io.clientChannels(), policy, null);
        outbound = new OutboundTransfers(fetcher, metrics.transfers(), new ActiveTransfers(), TransferLimits.NONE);
    }

    /** Which Netty transport the gateway's group runs on. */
    String ioName() {
        return io.name();
    }

    /**
     * The gateway's outbound path, as a {@code jabber:iq:oob} from {@code uin}'s Jabber user starts it: probe
     * {@code url}, propose the file to {@code contactUin}, stream the GET body into OFT once they accept.
     */
    CompletableFuture<String> sendUrl(String uin, String contactUin, URI url) {
        UserSession user = sessions.session(bareJid(uin)).orElseThrow(() ->
                new IllegalStateException(uin + " is not signed on"));
        return outbound.send(user, contactUin, url, Optional.empty());
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
        fetcher.close();
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
