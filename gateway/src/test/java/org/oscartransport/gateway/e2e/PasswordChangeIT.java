package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * XEP-0077 re-registration with a new ICQ password while the user is online on ICQ: the new password is checked
 * with ICQ without signing on, stored, and the ICQ session goes on; a wrong one changes nothing.
 */
class PasswordChangeIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("340001", "old-pw", "340002", "pw2", "340003", "pw3", "340004", "pw4"),
                List.of("olga", "pia"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void newPasswordIsCheckedStoredAndTheIcqSessionGoesOn() throws Exception {
        try (XmppTestClient olga = fixture.connect("olga", "desk")) {
            TransportFixture.goOnline(olga, "340001", "old-pw");
            OscarSession contact = fixture.contacts.login("340002", "pw2", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            try {
                assertMessageArrives(contact, olga, "340001", "before the change");
                fixture.changeIcqPassword("340001", "new-pw");

                IQ answer = olga.register(DOMAIN, "340001", "new-pw");

                assertThat(answer.getType()).as(answer.toXML().toString()).isEqualTo(IQ.Type.result);
                assertMessageArrives(contact, olga, "340001", "after the change");
                assertThat(fixture.emulator.isOnline("340001")).isTrue();
                assertNoTransportUnavailable(olga);
            } finally {
                contact.close();
            }
            signOnAgain(olga); // only the new password can do that now
        }
    }

    @Test
    void wrongNewPasswordIsNotAuthorizedAndTheOldRegistrationAndSessionKeepWorking() throws Exception {
        try (XmppTestClient pia = fixture.connect("pia", "desk")) {
            TransportFixture.goOnline(pia, "340003", "pw3");
            OscarSession contact = fixture.contacts.login("340004", "pw4", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            try {
                IQ answer = pia.register(DOMAIN, "340003", "not-the-password");

                assertThat(answer.getType()).isEqualTo(IQ.Type.error);
                assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
                assertMessageArrives(contact, pia, "340003", "still here");
                assertThat(fixture.emulator.isOnline("340003")).isTrue();
                assertNoTransportUnavailable(pia);
            } finally {
                contact.close();
            }
            signOnAgain(pia); // with the stored password, which the refused one did not replace
        }
    }

    private static void assertMessageArrives(OscarSession contact, XmppTestClient user, String userUin, String text)
            throws Exception {
        contact.sendMessage(userUin, text).get(10, TimeUnit.SECONDS);
        user.awaitMessage(m -> text.equals(m.getBody()) && m.getFrom().toString().equals(contact.uin() + "@" + DOMAIN),
                TransportFixture.WAIT);
    }

    private static void assertNoTransportUnavailable(XmppTestClient user) {
        assertThat(user.presences().pending()).noneMatch(p -> p.getFrom().toString().equals(DOMAIN)
                && p.getType() == Presence.Type.unavailable);
    }

    /** Ends the user's ICQ session (last resource away) and starts a new one: a fresh login with what is stored. */
    private static void signOnAgain(XmppTestClient user) throws Exception {
        user.sendPresenceUnavailable();
        user.presences().clear();
        user.sendPresenceAvailable();
        user.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), TransportFixture.WAIT);
    }
}
