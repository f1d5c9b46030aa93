package org.oscartransport.gateway.component;

import java.util.List;
import java.util.Locale;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connection of the component. Whack reconnects by itself once connected, but its first
 * {@code addComponent} fails at once; an unreachable server is retried here with exponential backoff, while a
 * refusal (wrong secret, unknown domain, domain taken) stops the start with the server's reason.
 */
public final class ComponentConnector {

    private static final Logger log = LoggerFactory.getLogger(ComponentConnector.class);
    private static final List<String> REFUSALS = List.of("not-authorized", "host-unknown", "conflict");
    private static final long MAX_DELAY_MS = 30_000;

    private final OrderedComponentManager manager;
    private final String domain;
    private final Component component;

    public ComponentConnector(OrderedComponentManager manager, String domain, Component component) {
        this.manager = manager;
        this.domain = domain;
        this.component = component;
    }

    public void connect() throws ComponentException, InterruptedException {
        long delayMs = 500;
        while (true) {
            try {
                manager.addComponent(domain, component);
                return;
            } catch (ComponentException e) {
                String reason = String.valueOf(e.getMessage());
                if (isRefusal(reason)) {
                    throw new ComponentException("the XMPP server refused component " + domain + ": " + reason
                            + " (check xmpp.domain and xmpp.secret against the server's component config)");
                }
                log.warn("cannot connect component {} to the XMPP server ({}); retrying in {} ms", domain, reason, delayMs);
                Thread.sleep(delayMs);
                delayMs = Math.min(MAX_DELAY_MS, delayMs * 2);
            }
        }
    }

    private static boolean isRefusal(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        return REFUSALS.stream().anyMatch(lower::contains);
    }
}
