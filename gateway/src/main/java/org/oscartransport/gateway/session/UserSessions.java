package org.oscartransport.gateway.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.SessionMetrics;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.oscar.login.OscarLoginException;
import org.oscartransport.oscar.session.OscarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Logs users in to ICQ when their first resource becomes available and out when the last one leaves.
 *
 * <p>Presences arrive on the component's single dispatch thread, in the server's order. A user's first available
 * presence needs their registration from the store, which may be slow: the lookup runs on the store executor, and
 * that user's presences arriving meanwhile are held back and handled after it, in order. Other users' stanzas go on
 * at once. Presence handling is serialised by {@link #lookingUp}'s lock, whichever thread runs it.
 */
public final class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final RegistrationStore store;
    private final Executor storeExecutor;
    private final OscarClient oscarClient;
    private final XmppOut xmpp;
    private final ContactJids jids;
    private final UserSession.FileOffers fileOffers;
    private final SessionMetrics metrics;
    private final Map<String, UserSession> byBareJid = new ConcurrentHashMap<>();
    /**
     * Users whose registration is being looked up, with their presences since, oldest first. Its lock guards
     * every presence handling, so one user's presences never run on two threads at once.
     */
    private final Map<String, List<Presence>> lookingUp = new HashMap<>();
    /** Reconnect attempts so far, by bare JID, while a lost ICQ connection is being re-established. */
    private final Map<String, Integer> reconnects = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "icq-reconnect");
                t.setDaemon(true);
                return t;
            });

    /** @param storeExecutor where registrations are looked up, off the XMPP dispatch thread */
    public UserSessions(RegistrationStore store, Executor storeExecutor, OscarClient oscarClient, XmppOut xmpp,
            ContactJids jids, UserSession.FileOffers fileOffers, SessionMetrics metrics) {
        this.store = store;
        this.storeExecutor = storeExecutor;
        this.oscarClient = oscarClient;
        this.xmpp = xmpp;
        this.jids = jids;
        this.fileOffers = fileOffers;
        this.metrics = metrics;
    }

    /** A user's available or unavailable presence; returns without waiting for the store. */
    public void presence(Presence presence) {
        JID from = presence.getFrom();
        if (from == null || from.getNode() == null || from.getResource() == null) {
            return;
        }
        Presence.Type type = presence.getType();
        if (type != null && type != Presence.Type.unavailable) {
            return;
        }
        String bare = from.toBareJID();
        synchronized (lookingUp) {
            List<Presence> held = lookingUp.get(bare);
            if (held != null) {
                held.add(presence);
            } else if (type == null && !byBareJid.containsKey(bare)) {
                List<Presence> first = new ArrayList<>(List.of(presence));
                lookingUp.put(bare, first);
                lookUp(bare, first);
            } else {
                apply(presence, null);
            }
        }
    }

    private void lookUp(String bare, List<Presence> held) {
        try {
            CompletableFuture.supplyAsync(() -> store.find(bare), storeExecutor)
                    .whenComplete((registration, failure) -> lookedUp(bare, held, registration, failure));
        } catch (RejectedExecutionException e) {
            lookingUp.remove(bare, held); // shutting down
            log.debug("no registration lookup for {}: the store is closing", bare);
        }
    }

    /** Handles the presences held back during the lookup, in order, unless the user left the transport meanwhile. */
    private void lookedUp(String bare, List<Presence> held, Optional<Registration> registration, Throwable failure) {
        synchronized (lookingUp) {
            if (!lookingUp.remove(bare, held)) {
                return;
            }
            if (failure != null) {
                log.warn("could not look up the registration of {}: {}", bare, Failures.reason(failure));
                return;
            }
            if (registration.isEmpty()) {
                log.debug("presence from unregistered {}", bare);
                return;
            }
            held.forEach(presence -> apply(presence, registration.get()));
        }
    }

    /** @param registration the user's, when just looked up; null when they have a session already */
    private void apply(Presence presence, Registration registration) {
        if (presence.getType() == null) {
            available(presence.getFrom(), presence, registration);
        } else {
            unavailable(presence.getFrom());
        }
    }

    public Optional<UserSession> session(String bareJid) {
        return Optional.ofNullable(byBareJid.get(bareJid));
    }

    /** Users whose ICQ login has completed; cheap enough to read on every metrics scrape. */
    public long onlineCount() {
        return byBareJid.values().stream().filter(s -> s.oscar().isPresent()).count();
    }

    /** A snapshot of the users with at least one available resource, ordered by bare JID. */
    public java.util.List<UserSession> online() {
        return byBareJid.values().stream()
                .sorted(java.util.Comparator.comparing(session -> session.bareJid().toBareJID()))
                .toList();
    }

    /** The user unregistered: end their session, and forget a lookup that may have found them still registered. */
    public void removed(String bareJid) {
        synchronized (lookingUp) {
            lookingUp.remove(bareJid);
            UserSession session = byBareJid.remove(bareJid);
            if (session != null) {
                session.logout();
            }
        }
    }

    /**
     * New credentials of a user who is online. A new password for the same UIN keeps the ICQ session going (it was
     * checked without signing on) and serves the next login; another UIN ends the old ICQ session and signs the
     * new one on for the same resources.
     */
    public void registered(Registration registration) {
        String bare = registration.bareJid();
        synchronized (lookingUp) {
            UserSession session = byBareJid.get(bare);
            if (session == null || session.registration().equals(registration)) {
                return;
            }
            if (session.uin().equals(registration.uin())) {
                log.info("{}: new ICQ password stored; the ICQ session goes on", bare);
                session.passwordChanged(registration);
                return;
            }
            UserSession next = session.successor(registration);
            next.onLost(this::lost);
            byBareJid.put(bare, next);
            reconnects.remove(bare);
            session.logout();
            log.info("{}: ICQ account changed to {}; signing on", bare, registration.uin());
            login(next);
        }
    }

    /**
     * Logs every user out. Each ICQ session first cancels its open transfers (the contacts hear a CANCEL) and then
     * signs off, asynchronously on its event loop; the returned future completes once every ICQ connection has
     * closed, so the transport must not stop the event loops before it (or a bound on it).
     */
    public CompletableFuture<Void> closeAll() {
        synchronized (lookingUp) {
            lookingUp.clear();
        }
        reconnects.clear();
        List<CompletableFuture<Void>> ended = new ArrayList<>();
        byBareJid.values().forEach(session -> ended.add(session.logout()));
        byBareJid.clear();
        return CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new));
    }

    private void available(JID fullJid, Presence presence, Registration registration) {
        String bare = fullJid.toBareJID();
        UserSession session = byBareJid.get(bare);
        if (session == null) {
            if (registration == null) {
                return; // cannot happen: a user without a session gets a lookup first
            }
            session = new UserSession(registration, xmpp, jids, fileOffers);
            session.onLost(this::lost);
            byBareJid.put(bare, session);
            session.resourceAvailable(fullJid, presence);
            login(session);
        } else {
            session.resourceAvailable(fullJid, presence);
        }
    }

    private void unavailable(JID fullJid) {
        String bare = fullJid.toBareJID();
        UserSession session = byBareJid.get(bare);
        if (session != null && session.resourceUnavailable(fullJid)) {
            byBareJid.remove(bare, session);
            session.logout();
        }
    }

    private void login(UserSession session) {
        Registration registration = session.registration();
        String bare = session.bareJid().toBareJID();
        oscarClient.login(registration.uin(), registration.password(), session).whenComplete((oscar, failure) -> {
            if (byBareJid.get(bare) != session) {
                if (oscar != null) {
                    oscar.close(); // the user went offline while the login was under way
                }
                return;
            }
            if (failure == null) {
                reconnects.remove(bare);
                session.loggedIn(oscar);
                return;
            }
            String reason = Failures.reason(failure);
            log.info("ICQ login of {} failed: {}", session.bareJid(), reason);
            metrics.loginFailed(failure);
            if (reconnects.containsKey(bare) && !refusedCredentials(failure)) {
                retry(bare, session); // the server is still away: keep trying, quietly
                return;
            }
            reconnects.remove(bare);
            byBareJid.remove(bare, session);
            session.loginFailed(reason);
        });
    }

    /** The ICQ connection dropped: the user's resources stay, a fresh session logs in again after a backoff. */
    private void lost(UserSession session) {
        String bare = session.bareJid().toBareJID();
        UserSession next = session.successor();
        next.onLost(this::lost);
        if (!byBareJid.replace(bare, session, next)) {
            return; // the user left, unregistered or changed credentials meanwhile
        }
        reconnects.merge(bare, 0, (a, b) -> a);
        retry(bare, next);
    }

    private void retry(String bare, UserSession session) {
        int attempt = reconnects.merge(bare, 1, Integer::sum);
        metrics.oscarReconnectAttempt();
        java.time.Duration delay = ReconnectBackoff.delay(attempt);
        log.info("{}: reconnecting to ICQ in {} ms (attempt {})", bare, delay.toMillis(), attempt);
        timer.schedule(() -> {
            if (byBareJid.get(bare) == session) {
                login(session);
            }
        }, delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static boolean refusedCredentials(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof OscarLoginException)) {
            cause = cause.getCause();
        }
        return cause instanceof OscarLoginException login
                && (login.reason() == OscarLoginException.Reason.WRONG_PASSWORD
                        || login.reason() == OscarLoginException.Reason.UNKNOWN_UIN);
    }
}
