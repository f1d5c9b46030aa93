package org.oscartransport.gateway.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.whack.ExternalComponent;
import org.jivesoftware.whack.ExternalComponentManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;

/**
 * Whack's connection to the XMPP server, reporting a lost connection and each reconnect attempt in one plain line
 * (the cause's stack trace at DEBUG only). Whack's own reports of the same events are ERRORs with stack traces,
 * silenced in logback.xml.
 */
final class ReportingExternalComponent extends ExternalComponent {

    private static final Logger log = LoggerFactory.getLogger(ReportingExternalComponent.class);
    /** Whack waits this long between reconnect attempts (fixed in {@link ExternalComponent#connectionLost}). */
    static final int WHACK_RETRY_SECONDS = 5;

    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile boolean closing;
    private volatile String server = "the XMPP server";

    ReportingExternalComponent(Component component, ExternalComponentManager manager, ExecutorService dispatcher) {
        super(component, manager, dispatcher);
    }

    @Override
    public void connect(String host, int port, String subdomain, boolean startEncrypted) throws ComponentException {
        server = host + ":" + port;
        try {
            super.connect(host, port, subdomain, startEncrypted);
        } catch (ComponentException e) {
            if (reconnecting.get()) {
                int attempt = failedAttempts.incrementAndGet();
                log.warn("XMPP server connection lost; reconnecting in {} s (attempt {}: {})",
                        WHACK_RETRY_SECONDS, attempt, reasonOf(e));
                log.debug("reconnect attempt {} to {}", attempt, server, e);
            }
            throw e;
        }
        if (reconnecting.compareAndSet(true, false)) {
            log.info("XMPP server connection back ({}; failed reconnect attempts: {})", server,
                    failedAttempts.getAndSet(0));
        }
    }

    /** Called by Whack when reading or writing fails, and by {@link OrderedComponentManager#reconnect}. */
    @Override
    public void connectionLost() {
        if (!closing && reconnecting.compareAndSet(false, true)) {
            log.warn("XMPP server connection lost ({}); reconnecting now", server);
        }
        super.connectionLost();
    }

    @Override
    public void shutdown() {
        closing = true;
        super.shutdown();
    }

    /** The root cause's message: "Connection refused" rather than Whack's wrapping of it. */
    private static String reasonOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
