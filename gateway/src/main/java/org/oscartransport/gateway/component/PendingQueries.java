package org.oscartransport.gateway.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xmpp.packet.IQ;

/** IQ requests the component sent and whose result or error it still waits for, by stanza id. */
public final class PendingQueries {

    private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();

    /** Registers {@code request} (which must carry an id) before it is sent. */
    public CompletableFuture<IQ> register(IQ request, Duration timeout) {
        String id = request.getID();
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((iq, failure) -> pending.remove(id, answer));
        return answer;
    }

    /** A result or error arrived; returns false when nobody waited for it. */
    public boolean complete(IQ response) {
        CompletableFuture<IQ> answer = pending.remove(response.getID());
        if (answer == null) {
            return false;
        }
        answer.complete(response);
        return true;
    }

    /** Fails every waiting query, e.g. when the server connection is lost. */
    public void failAll(String reason) {
        pending.values().forEach(f -> f.completeExceptionally(new TimeoutException(reason)));
        pending.clear();
    }
}
