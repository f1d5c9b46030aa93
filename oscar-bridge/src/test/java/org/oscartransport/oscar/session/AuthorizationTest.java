package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.session.RecordingListener.next;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.session.RecordingListener.AuthorizationReply;
import org.oscartransport.oscar.session.RecordingListener.AuthorizationRequest;

/**
 * ICQ authorization (oscar.md §4.3) between two of our clients through the emulator, over real sockets: adding a
 * contact that requires authorization, its request, grant and denial, and the presence that follows.
 */
class AuthorizationTest {

    private static EmulatorFixture emulator;

    @BeforeAll
    static void start() {
        emulator = new EmulatorFixture(Accounts.open().requiringAuthorization(Set.of("530002", "530012")));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static OscarSession login(String uin, RecordingListener events) throws Exception {
        return emulator.login(uin, events);
    }

    @Test
    void grantedRequestLetsTheRequesterSeeThePresence() throws Exception {
        RecordingListener owner = new RecordingListener();
        RecordingListener requester = new RecordingListener();
        OscarSession ownerSession = login("530002", owner);
        OscarSession requesterSession = login("530001", requester);
        try {
            assertThat(requesterSession.addContact("530002", "Bee", "it is me, Ann").get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.AWAITING_AUTHORIZATION);
            // an arrival would have been pushed before the add's ack: none came, the owner is hidden
            assertThat(requester.presence).isEmpty();
            assertThat(next(owner.authorizationRequests))
                    .isEqualTo(new AuthorizationRequest("530001", "it is me, Ann"));

            ownerSession.answerAuthorization("530001", true, null).get(10, TimeUnit.SECONDS);
            assertThat(next(requester.authorizationReplies))
                    .isEqualTo(new AuthorizationReply("530002", true, null));
            RecordingListener.PresenceChange seen = next(requester.presence);
            assertThat(seen.uin()).isEqualTo("530002");
            assertThat(seen.status()).isEqualTo(ContactStatus.ONLINE);

            // listed plainly now: adding again needs no new request
            assertThat(requesterSession.addContact("530002", "Bee").get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.ADDED);
        } finally {
            requesterSession.close();
            ownerSession.close();
        }
    }

    @Test
    void deniedRequestIsReportedWithItsReasonAndThePresenceStaysHidden() throws Exception {
        RecordingListener owner = new RecordingListener();
        RecordingListener requester = new RecordingListener();
        OscarSession ownerSession = login("530012", owner);
        OscarSession requesterSession = login("530011", requester);
        try {
            assertThat(requesterSession.addContact("530012", null).get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.AWAITING_AUTHORIZATION);
            assertThat(next(owner.authorizationRequests)).isEqualTo(new AuthorizationRequest("530011", null));
            ownerSession.answerAuthorization("530011", false, "who are you?").get(10, TimeUnit.SECONDS);
            assertThat(next(requester.authorizationReplies))
                    .isEqualTo(new AuthorizationReply("530012", false, "who are you?"));
        } finally {
            requesterSession.close();
            requesterSession.closeFuture().get(10, TimeUnit.SECONDS);
        }
        // signing on again while the owner is online: the arrivals come before the answer to a later edit
        RecordingListener again = new RecordingListener();
        requesterSession = login("530011", again);
        try {
            requesterSession.addContact("530013", null).get(10, TimeUnit.SECONDS);
            assertThat(again.presence).extracting(RecordingListener.PresenceChange::uin).doesNotContain("530012");
            // still awaiting: adding again asks once more
            assertThat(requesterSession.addContact("530012", null, "second try").get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.AWAITING_AUTHORIZATION);
            assertThat(next(owner.authorizationRequests))
                    .isEqualTo(new AuthorizationRequest("530011", "second try"));
        } finally {
            requesterSession.close();
            ownerSession.close();
        }
    }

    @Test
    void contactsThatNeedNoAuthorizationAreAddedPlainly() throws Exception {
        RecordingListener events = new RecordingListener();
        OscarSession session = login("530031", events);
        try {
            assertThat(session.addContact("530032", null).get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.ADDED);
            assertThatThrownBy(() -> session.requestAuthorization("", "x").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            // the session survives the refused call
            assertThat(session.addContact("530033", null).get(10, TimeUnit.SECONDS))
                    .isEqualTo(ContactAddition.ADDED);
        } finally {
            session.close();
        }
    }
}
