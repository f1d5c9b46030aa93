package org.oscartransport.gateway.component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/** How the rest of the gateway talks to the XMPP server. Thread-safe. */
public interface XmppOut {

    void send(Packet packet);

    /** Sends an IQ request (get/set) and completes with the result or error IQ; times out exceptionally. */
    CompletableFuture<IQ> query(IQ request, Duration timeout);
}
