package org.oscartransport.gateway.component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Detects a dead XMPP connection, which Whack never notices on its own (no read timeout; the keep-alive only
 * fails on a write error). Every interval the component pings its own JID: the IQ travels through the server
 * and back, so an answer proves the whole path. No answer in time → reconnect.
 */
public final class ComponentLiveness implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComponentLiveness.class);

    private final TransportComponent component;
    private final OrderedComponentManager manager;
    private final String domain;
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xmpp-liveness");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reconnecting = new AtomicBoolean();

    public ComponentLiveness(TransportComponent component, OrderedComponentManager manager, String domain,
            Duration interval, Duration timeout) {
        this.component = component;
        this.manager = manager;
        this.domain = domain;
        this.timeout = timeout;
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!component.isConnected() || reconnecting.get()) {
            return;
        }
        IQ ping = new IQ(IQ.Type.get);
        ping.setTo(new JID(domain));
        ping.setFrom(new JID(domain));
        ping.setChildElement("ping", "urn:xmpp:ping");
        component.query(ping, timeout).whenComplete((answer, failure) -> {
            if (failure != null && component.isConnected() && reconnecting.compareAndSet(false, true)) {
                log.warn("the XMPP server did not answer a ping within {} s: reconnecting", timeout.toSeconds());
                Thread reconnect = new Thread(() -> {
                    try {
                        manager.reconnect(domain);
                    } finally {
                        reconnecting.set(false);
                    }
                }, "xmpp-reconnect");
                reconnect.setDaemon(true);
                reconnect.start();
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
