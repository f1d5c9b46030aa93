package org.oscartransport.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.SessionMetrics;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** What new credentials of a user who is online do to their ICQ session. */
class UserSessionsCredentialsTest {
    private static final String USER = "user@example.org";

    private final OscarClient oscarClient = mock(OscarClient.class);
    private final OscarSession first = oscarSession();
    private final OscarSession second = oscarSession();
    private UserSessions sessions;

    @BeforeEach
    void signOn() {
        RegistrationStore store = mock(RegistrationStore.class);
        when(store.find(USER)).thenReturn(Optional.of(new Registration(USER, "100001", "old")));
        when(oscarClient.login(eq("100001"), anyString(), any())).thenReturn(CompletableFuture.completedFuture(first));
        when(oscarClient.login(eq("100002"), anyString(), any())).thenReturn(CompletableFuture.completedFuture(second));
        XmppOut xmpp = mock(XmppOut.class);
        when(xmpp.query(any(IQ.class), any(Duration.class))).thenReturn(new CompletableFuture<>());
        sessions = new UserSessions(store, Runnable::run, oscarClient, xmpp, new ContactJids("icq.example.org"),
                mock(UserSession.FileOffers.class), new SessionMetrics(new SimpleMeterRegistry()));
        Presence available = new Presence();
        available.setFrom(new JID(USER + "/desk"));
        sessions.presence(available);
        assertThat(sessions.session(USER).flatMap(UserSession::oscar)).contains(first);
    }

    @Test
    void newPasswordKeepsTheIcqSessionAndServesTheNextLogin() {
        Registration changed = new Registration(USER, "100001", "new");

        sessions.registered(changed);

        verify(first, never()).close();
        verify(oscarClient, times(1)).login(anyString(), anyString(), any());
        assertThat(sessions.session(USER).flatMap(UserSession::oscar)).contains(first);
        assertThat(sessions.session(USER).orElseThrow().registration()).isEqualTo(changed);
        assertThat(sessions.session(USER).orElseThrow().successor().registration()).isEqualTo(changed);
    }

    @Test
    void anotherUinEndsTheOldIcqSessionAndSignsTheNewOneOnForTheSameResources() {
        sessions.registered(new Registration(USER, "100002", "pw2"));

        verify(first).close();
        verify(oscarClient).login(eq("100002"), eq("pw2"), any());
        assertThat(sessions.session(USER).flatMap(UserSession::oscar)).contains(second);
        assertThat(sessions.online()).extracting(UserSession::uin).containsExactly("100002");
    }

    @Test
    void sameCredentialsChangeNothing() {
        sessions.registered(new Registration(USER, "100001", "old"));

        verify(first, never()).close();
        verify(oscarClient, times(1)).login(anyString(), anyString(), any());
        assertThat(sessions.online()).hasSize(1);
    }

    private static OscarSession oscarSession() {
        OscarSession session = mock(OscarSession.class);
        when(session.setStatus(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        return session;
    }
}
