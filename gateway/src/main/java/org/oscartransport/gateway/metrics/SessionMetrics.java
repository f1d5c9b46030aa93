package org.oscartransport.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.oscartransport.oscar.login.OscarLoginException;
import org.oscartransport.oscar.login.OscarLoginException.Reason;

/** The users' side: ICQ sessions online, failed ICQ logins by reason, and reconnections to the XMPP server. */
public final class SessionMetrics {

    private final MeterRegistry registry;
    private final Map<Reason, Counter> loginFailures = new EnumMap<>(Reason.class);
    private final Counter xmppReconnects;
    private final Counter oscarReconnects;
    private final AtomicBoolean connectedOnce = new AtomicBoolean();

    public SessionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Reason reason : Reason.values()) {
            loginFailures.put(reason, Counter.builder("oscar.transport.oscar.login.failures")
                    .tag("reason", TransferMetrics.label(reason)).description("ICQ logins that failed, by reason")
                    .register(registry));
        }
        xmppReconnects = Counter.builder("oscar.transport.xmpp.reconnects")
                .description("Connections to the XMPP server after the first").register(registry);
        oscarReconnects = Counter.builder("oscar.transport.oscar.reconnects")
                .description("Attempts to log a user in to ICQ again after the connection was lost").register(registry);
    }

    /** A user's lost ICQ connection is being re-established (one count per attempt). */
    public void oscarReconnectAttempt() {
        oscarReconnects.increment();
    }

    /** Read at scrape time; the supplier must be cheap and must not block. */
    public void onlineSessions(Supplier<Number> count) {
        Gauge.builder("oscar.transport.sessions.online", count).strongReference(true)
                .description("Users logged in to ICQ through the transport").register(registry);
    }

    /** Reason from the {@link OscarLoginException}, else {@code other}: a bounded label, never the message. */
    public void loginFailed(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Reason reason = cause instanceof OscarLoginException login ? login.reason() : Reason.OTHER;
        loginFailures.get(reason).increment();
    }

    /** Called on every connection to the XMPP server; all but the first are reconnections. */
    public void xmppConnected() {
        if (!connectedOnce.compareAndSet(false, true)) {
            xmppReconnects.increment();
        }
    }
}
