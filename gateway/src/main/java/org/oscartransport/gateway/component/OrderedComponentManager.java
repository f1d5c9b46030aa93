package org.oscartransport.gateway.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jivesoftware.whack.ExternalComponent;
import org.jivesoftware.whack.ExternalComponentManager;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Whack's component manager, but dispatching inbound stanzas on ONE thread.
 *
 * <p>Whack hands every stanza to a fixed pool of 25 threads, which reorders a user's messages and presences.
 * Here each component gets a single-thread executor, so stanzas reach the component in the order the server
 * sent them. IQ queries go through the component itself ({@link PendingQueries}), not through Whack.
 */
public final class OrderedComponentManager extends ExternalComponentManager {

    private final String host;
    private final int port;
    private final Map<String, ExternalComponent> bySubdomain = new ConcurrentHashMap<>();
    private final Map<Component, ExternalComponent> byComponent = new ConcurrentHashMap<>();

    public OrderedComponentManager(String host, int port) {
        super(host, port, false);
        this.host = host;
        this.port = port;
    }

    @Override
    public void addComponent(String subdomain, Component component) throws ComponentException {
        addComponent(subdomain, component, port);
    }

    @Override
    public void addComponent(String subdomain, Component component, Integer port) throws ComponentException {
        if (bySubdomain.containsKey(subdomain)) {
            throw new IllegalArgumentException("component already added for " + subdomain);
        }
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "xmpp-dispatch");
            t.setDaemon(true);
            return t;
        });
        ExternalComponent external = new ReportingExternalComponent(component, this, dispatcher);
        bySubdomain.put(subdomain, external);
        byComponent.put(component, external);
        try {
            external.connect(host, port, subdomain, false);
            external.initialize(new JID(null, external.getDomain(), null), this);
        } catch (ComponentException | RuntimeException e) {
            bySubdomain.remove(subdomain);
            byComponent.remove(component);
            dispatcher.shutdownNow();
            throw e;
        }
        external.start();
    }

    @Override
    public void removeComponent(String subdomain) {
        ExternalComponent external = bySubdomain.remove(subdomain);
        if (external != null) {
            byComponent.remove(external.getComponent());
            external.shutdown();
        }
    }

    /**
     * Treats the connection of {@code subdomain} as dead and reconnects it (Whack's own loop, every 5 s until it
     * succeeds). Blocks while reconnecting: call it on a thread of its own.
     */
    public void reconnect(String subdomain) {
        ExternalComponent external = bySubdomain.get(subdomain);
        if (external != null) {
            external.connectionLost();
        }
    }

    @Override
    public void sendPacket(Component component, Packet packet) {
        ExternalComponent external = byComponent.get(component);
        if (external != null) {
            external.send(packet);
        }
    }

    @Override
    public IQ query(Component component, IQ packet, long timeout) {
        throw new UnsupportedOperationException("queries go through the component's PendingQueries");
    }

    @Override
    public void query(Component component, IQ packet, IQResultListener listener) {
        throw new UnsupportedOperationException("queries go through the component's PendingQueries");
    }
}
