package org.oscartransport.gateway;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.oscartransport.gateway.adhoc.AdHocCommands;
import org.oscartransport.gateway.component.ComponentConnector;
import org.oscartransport.gateway.component.ComponentLiveness;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.OrderedComponentManager;
import org.oscartransport.gateway.component.TransportComponent;
import org.oscartransport.gateway.config.TransportConfig;
import org.oscartransport.gateway.io.NettyIo;
import org.oscartransport.gateway.metrics.MetricsServer;
import org.oscartransport.gateway.metrics.TransportMetrics;
import org.oscartransport.gateway.registration.OscarCredentialCheck;
import org.oscartransport.gateway.registration.RegistrationHandler;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.store.EncryptingRegistrationStore;
import org.oscartransport.gateway.store.JdbcRegistrationStore;
import org.oscartransport.gateway.store.PasswordCipher;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.gateway.transfer.ActiveTransfers;
import org.oscartransport.gateway.transfer.InboundTransfers;
import org.oscartransport.gateway.transfer.OutboundOffers;
import org.oscartransport.gateway.transfer.OutboundTransfers;
import org.oscartransport.gateway.transfer.TransferLimits;
import org.oscartransport.http.fetch.FetchPolicy;
import org.oscartransport.http.fetch.UrlFetcher;
import org.oscartransport.http.endpoint.HttpEndpointConfig;
import org.oscartransport.http.endpoint.PortRange;
import org.oscartransport.http.endpoint.TransferEndpoints;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/** The running transport: every part wired together, started in order and stopped in reverse. */
public final class Transport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    /** How long close() lets cancelled transfers tell both sides before the sessions go. */
    private static final long TRANSFER_CANCEL_WAIT_MILLIS = 2000;
    /** Beyond that, how long the sessions' sign-off frames and connection closes may take. */
    private static final long SIGN_OFF_WAIT_MILLIS = 1000;

    private final EventLoopGroup group;
    private final ExecutorService storeExecutor;
    private final ComponentLiveness liveness;
    private final OscarEmulator emulator;
    private final JdbcRegistrationStore store;
    private final TransferEndpoints endpoints;
    private final ActiveTransfers activeTransfers;
    private final UserSessions sessions;
    private final OrderedComponentManager manager;
    private final String domain;
    private final TransportMetrics metrics;
    private final MetricsServer metricsServer;

    private Transport(EventLoopGroup group, ExecutorService storeExecutor, ComponentLiveness liveness,
            OscarEmulator emulator, JdbcRegistrationStore store, TransferEndpoints endpoints, ActiveTransfers activeTransfers,
            UserSessions sessions,
            OrderedComponentManager manager, String domain, TransportMetrics metrics, MetricsServer metricsServer) {
        this.group = group;
        this.storeExecutor = storeExecutor;
        this.liveness = liveness;
        this.emulator = emulator;
        this.store = store;
        this.endpoints = endpoints;
        this.activeTransfers = activeTransfers;
        this.sessions = sessions;
        this.manager = manager;
        this.domain = domain;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
    }

    /** Starts everything and returns once the component is connected to the XMPP server. */
    public static Transport start(TransportConfig config) throws Exception {
        // One event loop group for every OSCAR session, OFT connection and HTTP endpoint, on native epoll where
        // it loads: every channel made on it must come from the same NettyIo.
        NettyIo io = NettyIo.best();
        log.info("network I/O on {}", io.name());
        EventLoopGroup group = io.newGroup();
        // Registrations are read and written off the XMPP dispatch thread and the event loops.
        ExecutorService storeExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store");
            t.setDaemon(true);
            return t;
        });
        OscarEmulator emulator = null;
        JdbcRegistrationStore store = null;
        TransportMetrics metrics = new TransportMetrics();
        MetricsServer metricsServer = null;
        try {
            if (config.emulatorEnabled()) {
                emulator = OscarEmulator.start(group, new InetSocketAddress(config.emulatorListen().host(),
                        config.emulatorListen().port()), Accounts.open(), io.sockets());
                log.info("embedded OSCAR emulator listening on {} (any UIN and password accepted)", emulator.address());
            }
            store = JdbcRegistrationStore.open(config.storeUrl());
            RegistrationStore registrations = new EncryptingRegistrationStore(store, passwordCipher(config));
            OscarClient oscar = new OscarClient(group, new OscarClientConfig(
                    new InetSocketAddress(config.oscarHost(), config.oscarPort()), config.oscarConnectTimeout(),
                    config.oscarLoginTimeout(), config.allowPrivateAddresses(), config.transferOfferTimeout())
                    // unresolved: looked up only when a transfer needs the proxy, never at start
                    .withProxy(InetSocketAddress.createUnresolved(config.oscarProxy().host(), config.oscarProxy().port()),
                            config.oscarProxy().port()), io.sockets());
            TransferEndpoints endpoints = new TransferEndpoints(group, io.serverChannels(), httpConfig(config));

            ContactJids jids = new ContactJids(config.xmppDomain());
            TransportComponent component = new TransportComponent(jids);
            ActiveTransfers activeTransfers = new ActiveTransfers();
            TransferLimits limits = new TransferLimits(config.transferMaxSize(), config.transferMaxActivePerUser(),
                    config.transferMaxActiveTotal());
            UserSettingsCache settings = new UserSettingsCache(store);
            InboundTransfers transfers = new InboundTransfers(endpoints, component, jids, config.httpExpiry(),
                    metrics.transfers(), activeTransfers, settings, limits);
            UserSessions sessions = new UserSessions(registrations, storeExecutor, oscar, component, jids, transfers, metrics.sessions());
            metrics.sessions().onlineSessions(sessions::onlineCount);
            // Counted on the store's thread, so a scrape never waits for the database.
            Runnable countRegistrations = () -> storeExecutor.execute(
                    () -> metrics.registeredUsers().counted(registrations.all().size()));
            RegistrationHandler registration = new RegistrationHandler(registrations, new OscarCredentialCheck(oscar),
                    config.registrationAllowedDomains(), storeExecutor, r -> {
                        sessions.registered(r);
                        countRegistrations.run();
                        component.requestSubscription(new JID(r.bareJid()));
                    }, bareJid -> {
                        sessions.removed(bareJid);
                        countRegistrations.run();
                        component.cancelSubscriptions(new JID(bareJid));
                    });
            UrlFetcher fetcher = new UrlFetcher(group, io.clientChannels(), fetchPolicy(config), null);
            OutboundOffers outbound = new OutboundOffers(sessions, jids,
                    new OutboundTransfers(fetcher, metrics.transfers(), activeTransfers, limits));
            // After every (re)connection, registered users who are online get their ICQ sessions back: their
            // servers answer the probes with the users' presence, which logs them in as usual.
            component.attach(registration, sessions, outbound, () -> {
                metrics.sessions().xmppConnected();
                countRegistrations.run();
                storeExecutor.execute(() -> registrations.all().forEach(r -> component.probe(new JID(r.bareJid()))));
            });
            if (config.metricsBind().isPresent()) {
                metricsServer = MetricsServer.start(group, io.serverChannels(), new InetSocketAddress(config.metricsBind().get().host(),
                        config.metricsBind().get().port()), metrics::scrape);
            }

            AdHocCommands commands = AdHocCommands.create(jids, config.adminJids(), registrations, registration,
                    sessions, activeTransfers, settings, component, storeExecutor);
            component.addService(AdHocCommands.NAMESPACE, commands::execute, AdHocCommands.NAMESPACE, commands::list);

            OrderedComponentManager manager = new OrderedComponentManager(config.xmppHost(), config.xmppPort());
            manager.setSecretKey(config.xmppDomain(), config.xmppSecret());
            new ComponentConnector(manager, config.xmppDomain(), component).connect();
            log.info("transport {} connected to the XMPP server at {}:{}", config.xmppDomain(), config.xmppHost(),
                    config.xmppPort());
            ComponentLiveness liveness = new ComponentLiveness(component, manager, config.xmppDomain(),
                    config.xmppPingInterval(), config.xmppPingTimeout());
            return new Transport(group, storeExecutor, liveness, emulator, store, endpoints, activeTransfers, sessions, manager,
                    config.xmppDomain(), metrics, metricsServer);
        } catch (Exception | Error e) {
            if (metricsServer != null) {
                metricsServer.close();
            }
            metrics.close();
            if (emulator != null) {
                emulator.close();
            }
            if (store != null) {
                store.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            storeExecutor.shutdownNow();
            throw e;
        }
    }

    private static HttpEndpointConfig httpConfig(TransportConfig config) {
        HttpEndpointConfig http = new HttpEndpointConfig(config.httpBind(), config.httpPublicHost(),
                new PortRange(config.httpPorts().first(), config.httpPorts().last()), config.httpExpiry(), null, null);
        if (config.transferSpool()) {
            http = http.withSpool(config.dataDir().resolve("spool"), config.transferQuotaPerUser(),
                    config.transferQuotaTotal());
        }
        if (config.httpTls().isPresent()) {
            http = http.withTls(config.httpTls().get().certificateChain(), config.httpTls().get().privateKey());
        }
        if (config.httpSharedBind().isPresent()) {
            http = http.withSharedListener(config.httpSharedBind().get().host(), config.httpSharedBind().get().port(),
                    config.httpPublicBase().orElseThrow());
        }
        return http;
    }

    /** User URLs: public addresses only (unless allowed), never the transport's own download or metrics ports. */
    private static FetchPolicy fetchPolicy(TransportConfig config) {
        Set<Integer> ownPorts = IntStream.rangeClosed(config.httpPorts().first(), config.httpPorts().last())
                .boxed().collect(Collectors.toCollection(java.util.HashSet::new));
        config.metricsBind().ifPresent(metrics -> ownPorts.add(metrics.port()));
        config.httpSharedBind().ifPresent(shared -> ownPorts.add(shared.port()));
        return FetchPolicy.defaults()
                .withPrivateAddresses(config.allowPrivateAddresses())
                .withRefusedOwnPorts(ownPorts)
                // a larger transfer.max-size is allowed: ICQ's own 4 GiB limit still applies
                .withMaxSize(Math.min(config.transferMaxSize(), FetchPolicy.OFT_MAX_SIZE))
                .withTimeouts(FetchPolicy.DEFAULT_CONNECT_TIMEOUT, config.transferUrlReadTimeout());
    }

    private static PasswordCipher passwordCipher(TransportConfig config) throws IOException {
        if (config.storeKey().isPresent()) {
            return PasswordCipher.fromBase64(config.storeKey().get());
        }
        return PasswordCipher.fromKeyFile(config.dataDir().resolve("store.key"));
    }

    @Override
    public void close() {
        log.info("transport {} stopping", domain);
        if (metricsServer != null) {
            metricsServer.close();
        }
        liveness.close();
        activeTransfers.stopAccepting();
        // Transfers first: cancelling one tells the ICQ contact (OSCAR) and the user (XMPP), so both must still be up.
        endpoints.close();
        awaitEndpointsClosed();
        // Each ICQ session cancels its outbound transfers (a rendezvous CANCEL to the contact) and only then signs
        // off, on its event loop and bounded by the same wait; the loops must not stop before that is written.
        awaitSessionsClosed(sessions.closeAll());
        manager.removeComponent(domain);
        if (emulator != null) {
            emulator.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        storeExecutor.shutdown();
        try {
            storeExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        metrics.close();
    }

    private static void awaitSessionsClosed(CompletableFuture<Void> closed) {
        try {
            closed.get(TRANSFER_CANCEL_WAIT_MILLIS + SIGN_OFF_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("ICQ sessions not all signed off before stopping: {}", e.toString());
        }
    }

    private void awaitEndpointsClosed() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRANSFER_CANCEL_WAIT_MILLIS);
        while (endpoints.openCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
