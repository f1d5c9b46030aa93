package org.oscartransport.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.SessionMetrics;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * A user's first presence looks their registration up on the store executor: a slow store holds back that user's
 * presences (and keeps their order) but nobody else's, and never the thread that delivers stanzas.
 */
class UserSessionsLookupTest {
    private static final String SLOW = "slow@example.org";
    private static final String QUICK = "quick@example.org";

    private final SlowStore store = new SlowStore(SLOW);
    private final OscarClient oscarClient = mock(OscarClient.class);
    private final OscarSession slowOscar = oscarSession();
    private final OscarSession quickOscar = oscarSession();
    /** One thread, as the transport runs it; lookups and their completions run in submission order. */
    private final ExecutorService storeExecutor = Executors.newSingleThreadExecutor();
    private UserSessions sessions;

    private final ExecutorService twoStoreThreads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        store.release();
        storeExecutor.shutdownNow();
        twoStoreThreads.shutdownNow();
    }

    private void start(ExecutorService executor) {
        store.save(new Registration(SLOW, "100001", "pw1"));
        store.save(new Registration(QUICK, "100002", "pw2"));
        when(oscarClient.login(eq("100001"), anyString(), any())).thenReturn(CompletableFuture.completedFuture(slowOscar));
        when(oscarClient.login(eq("100002"), anyString(), any())).thenReturn(CompletableFuture.completedFuture(quickOscar));
        XmppOut xmpp = mock(XmppOut.class);
        when(xmpp.query(any(IQ.class), any(Duration.class))).thenReturn(new CompletableFuture<>());
        sessions = new UserSessions(store, executor, oscarClient, xmpp, new ContactJids("icq.example.org"),
                mock(UserSession.FileOffers.class), new SessionMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void aUserOnlineAlreadyIsServedWhileAnotherUsersLookupHangs() throws Exception {
        start(storeExecutor);
        deliver(available(QUICK + "/desk", null));
        verify(oscarClient, timeout(5000)).login(eq("100002"), eq("pw2"), any());
        assertThat(sessions.session(QUICK)).isPresent();

        deliver(available(SLOW + "/desk", null));
        store.awaitSlowLookup();
        deliver(available(QUICK + "/desk", Presence.Show.dnd));

        verify(quickOscar, timeout(5000)).setStatus(ContactStatus.DND, null);
        assertThat(sessions.session(SLOW)).isEmpty();
        verify(oscarClient, never()).login(eq("100001"), anyString(), any());

        store.release();
        verify(oscarClient, timeout(5000)).login(eq("100001"), eq("pw1"), any());
    }

    @Test
    void anotherUsersFirstPresenceIsLookedUpWhileOneLookupHangs() throws Exception {
        start(twoStoreThreads); // the sessions themselves must not queue one user's lookup behind another's
        deliver(available(SLOW + "/desk", null));
        store.awaitSlowLookup();

        deliver(available(QUICK + "/desk", null));

        verify(oscarClient, timeout(5000)).login(eq("100002"), eq("pw2"), any());
        assertThat(sessions.session(QUICK)).isPresent();
        assertThat(sessions.session(SLOW)).isEmpty();
    }

    @Test
    void presencesHeldDuringTheLookupAreHandledInArrivalOrder() throws Exception {
        start(storeExecutor);
        deliver(available(SLOW + "/desk", null));
        store.awaitSlowLookup();
        deliver(available(SLOW + "/desk", Presence.Show.chat));
        deliver(available(SLOW + "/desk", Presence.Show.away));
        deliver(unavailable(SLOW + "/phone")); // a resource never seen: must not end the session
        deliver(available(SLOW + "/laptop", Presence.Show.away));
        deliver(unavailable(SLOW + "/laptop"));

        store.release();

        verify(oscarClient, timeout(5000)).login(eq("100001"), eq("pw1"), any());
        store.awaitLookupsDone(storeExecutor);
        InOrder statuses = inOrder(slowOscar);
        statuses.verify(slowOscar).setStatus(ContactStatus.FREE_FOR_CHAT, null);
        statuses.verify(slowOscar).setStatus(ContactStatus.AWAY, null);
        statuses.verifyNoMoreInteractions();
        assertThat(sessions.session(SLOW)).isPresent();

        deliver(unavailable(SLOW + "/desk"));
        assertThat(sessions.session(SLOW)).isEmpty();
        verify(slowOscar).close();
    }

    @Test
    void goingAwayBeforeTheLookupEndsLeavesNoSession() throws Exception {
        start(storeExecutor);
        deliver(available(SLOW + "/desk", null));
        store.awaitSlowLookup();
        deliver(unavailable(SLOW + "/desk"));

        store.release();

        verify(oscarClient, timeout(5000)).login(eq("100001"), eq("pw1"), any());
        store.awaitLookupsDone(storeExecutor);
        assertThat(sessions.session(SLOW)).isEmpty();
        verify(slowOscar, timeout(5000)).close();
    }

    @Test
    void unregisteringDuringTheLookupLeavesNoSession() throws Exception {
        start(storeExecutor);
        deliver(available(SLOW + "/desk", null));
        store.awaitSlowLookup();

        sessions.removed(SLOW); // the lookup already read the registration, or is about to
        store.release();

        store.awaitLookupsDone(storeExecutor);
        assertThat(sessions.session(SLOW)).isEmpty();
        verify(oscarClient, never()).login(anyString(), anyString(), any());
    }

    @Test
    void unregisteredUsersGetNoSession() throws Exception {
        start(storeExecutor);
        deliver(available("stranger@example.org/desk", null));
        store.awaitLookupsDone(storeExecutor);

        assertThat(sessions.session("stranger@example.org")).isEmpty();
        verify(oscarClient, never()).login(anyString(), anyString(), any());
    }

    /** As the dispatch thread does; a lookup that blocked it would hang here, not pass. */
    private void deliver(Presence presence) throws Exception {
        CompletableFuture.runAsync(() -> sessions.presence(presence)).get(10, TimeUnit.SECONDS);
    }

    private static Presence available(String from, Presence.Show show) {
        Presence presence = new Presence();
        presence.setFrom(new JID(from));
        presence.setTo(new JID("icq.example.org"));
        if (show != null) {
            presence.setShow(show);
        }
        return presence;
    }

    private static Presence unavailable(String from) {
        Presence presence = available(from, null);
        presence.setType(Presence.Type.unavailable);
        return presence;
    }

    private static OscarSession oscarSession() {
        OscarSession session = mock(OscarSession.class);
        when(session.setStatus(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(session.closeFuture()).thenReturn(new CompletableFuture<>());
        return session;
    }

    /** Registrations in memory; looking up one bare JID blocks until released. */
    private static final class SlowStore implements RegistrationStore {
        private final String slowJid;
        private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
        private final CountDownLatch slowLookupStarted = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        SlowStore(String slowJid) {
            this.slowJid = slowJid;
        }

        @Override
        public Optional<Registration> find(String bareJid) {
            if (bareJid.equals(slowJid)) {
                slowLookupStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.ofNullable(registrations.get(bareJid));
        }

        void awaitSlowLookup() throws InterruptedException {
            assertThat(slowLookupStarted.await(10, TimeUnit.SECONDS)).as("lookup started").isTrue();
        }

        void release() {
            release.countDown();
        }

        /** Waits until a one-thread executor has run everything submitted so far. */
        void awaitLookupsDone(ExecutorService executor) throws Exception {
            CompletableFuture.runAsync(() -> {}, executor).get(10, TimeUnit.SECONDS);
        }

        @Override
        public void save(Registration registration) {
            registrations.put(registration.bareJid(), registration);
        }

        @Override
        public boolean delete(String bareJid) {
            return registrations.remove(bareJid) != null;
        }

        @Override
        public List<Registration> all() {
            return List.copyOf(registrations.values());
        }
    }
}
