package org.oscartransport.gateway.component;

import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;

/**
 * Answers IQ requests of one namespace. The answer may come later (a registration waits for an ICQ login):
 * the component sends whatever the future yields, or internal-server-error if it fails.
 */
@FunctionalInterface
public interface IqHandler {
    CompletableFuture<IQ> handle(IQ request);

    /** For handlers that answer at once. */
    static IqHandler sync(java.util.function.Function<IQ, IQ> handler) {
        return request -> CompletableFuture.completedFuture(handler.apply(request));
    }
}
