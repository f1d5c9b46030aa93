package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.Contact;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * ICQ authorization as Jabber subscriptions (RFC 6121, XEP-0100) through Prosody: the user's subscription to a
 * contact that requires authorization is approved or refused by the contact, and a contact's request reaches the
 * user as a subscription request whose approval grants it.
 */
class AuthorizationIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("330001", "pw1", "330002", "pw2", "330003", "pw3", "330004", "pw4",
                "330005", "pw5", "330006", "pw6", "330007", "pw7", "330008", "pw8"), Set.of("330002", "330004"),
                List.of("olga", "petr", "quin", "rosa"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    /** What an ICQ contact hears about authorization. */
    private static final class ContactEvents implements OscarSessionListener {
        final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        @Override
        public void onAuthorizationRequest(String fromUin, String reason) {
            requests.add(fromUin + " " + reason);
        }

        @Override
        public void onAuthorizationReply(String fromUin, boolean granted, String reason) {
            replies.add(fromUin + (granted ? " granted" : " denied"));
        }
    }

    @Test
    void subscriptionToAContactThatRequiresAuthorizationIsApprovedWhenItGrants() throws Exception {
        ContactEvents contact = new ContactEvents();
        OscarSession owner = fixture.contacts.login("330002", "pw2", contact).get(10, TimeUnit.SECONDS);
        try (XmppTestClient olga = fixture.connect("olga", "desk")) {
            TransportFixture.goOnline(olga, "330001", "pw1");
            olga.connection().sendStanza(olga.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.subscribe).to(JidCreate.from("330002@" + DOMAIN))
                    .setStatus("It's Olga from work").build());
            assertThat(contact.requests.poll(20, TimeUnit.SECONDS)).isEqualTo("330001 It's Olga from work");

            owner.answerAuthorization("330001", true, null).get(10, TimeUnit.SECONDS);
            Presence answer = olga.awaitPresence(p -> isSubscriptionAnswer(p, "330002"), TransportFixture.WAIT);
            assertThat(answer.getType()).isEqualTo(Presence.Type.subscribed);
            // authorized now: the emulator shows the contact, and the transport passes it on
            olga.awaitPresence(p -> p.isAvailable() && p.getFrom().toString().equals("330002@" + DOMAIN),
                    TransportFixture.WAIT);
        } finally {
            owner.close();
        }
    }

    @Test
    void subscriptionIsRefusedWhenTheContactDenies() throws Exception {
        ContactEvents contact = new ContactEvents();
        OscarSession owner = fixture.contacts.login("330004", "pw4", contact).get(10, TimeUnit.SECONDS);
        try (XmppTestClient petr = fixture.connect("petr", "desk")) {
            TransportFixture.goOnline(petr, "330003", "pw3");
            petr.connection().sendStanza(petr.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.subscribe).to(JidCreate.from("330004@" + DOMAIN)).build());
            assertThat(contact.requests.poll(20, TimeUnit.SECONDS)).isEqualTo("330003 null");

            owner.answerAuthorization("330003", false, "I don't know you").get(10, TimeUnit.SECONDS);
            // the first answer the user sees is the refusal: nothing approved the subscription before the contact
            Presence answer = petr.awaitPresence(p -> isSubscriptionAnswer(p, "330004"), TransportFixture.WAIT);
            assertThat(answer.getType()).isEqualTo(Presence.Type.unsubscribed);
        } finally {
            owner.close();
        }
    }

    @Test
    void contactsRequestReachesTheUserAndTheirApprovalGrantsIt() throws Exception {
        ContactEvents contact = new ContactEvents();
        OscarSession asker;
        try (XmppTestClient quin = fixture.connect("quin", "desk")) {
            TransportFixture.goOnline(quin, "330005", "pw5");
            asker = fixture.contacts.login("330006", "pw6", contact).get(10, TimeUnit.SECONDS);
            try {
                asker.requestAuthorization("330005", "Please add me").get(10, TimeUnit.SECONDS);
                Presence request = quin.awaitPresence(p -> p.getType() == Presence.Type.subscribe
                        && p.getFrom().toString().equals("330006@" + DOMAIN), TransportFixture.WAIT);
                assertThat(request.getStatus()).isEqualTo("Please add me");
                // the test client approves subscription requests by itself, as a user clicking "allow" would
                assertThat(contact.replies.poll(20, TimeUnit.SECONDS)).isEqualTo("330005 granted");
            } finally {
                asker.close();
            }
        }
        // approving also put the contact on the user's ICQ list: a fresh login reads it
        Thread.sleep(500); // the transport signs 330005 off after the user's last resource left
        BlockingQueue<List<Contact>> lists = new LinkedBlockingQueue<>();
        OscarSession same = fixture.contacts.login("330005", "pw5", new OscarSessionListener() {
            @Override
            public void onContactList(List<Contact> contacts) {
                lists.add(contacts);
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            assertThat(lists.poll(10, TimeUnit.SECONDS)).extracting(Contact::uin).containsExactly("330006");
        } finally {
            same.close();
        }
    }

    @Test
    void aRequestWaitingWhenTheIcqConnectionDropsIsStillGrantedByTheUsersLaterApproval() throws Exception {
        ContactEvents contact = new ContactEvents();
        try (XmppTestClient rosa = fixture.connect("rosa", "desk")) {
            TransportFixture.goOnline(rosa, "330007", "pw7");
            // from now on this user answers subscription requests later, by hand
            Roster.getInstanceFor(rosa.connection()).setSubscriptionMode(Roster.SubscriptionMode.manual);
            OscarSession asker = fixture.contacts.login("330008", "pw8", contact).get(10, TimeUnit.SECONDS);
            try {
                asker.requestAuthorization("330007", "Remember me?").get(10, TimeUnit.SECONDS);
                rosa.awaitPresence(p -> p.getType() == Presence.Type.subscribe
                        && p.getFrom().toString().equals("330008@" + DOMAIN), TransportFixture.WAIT);
            } finally {
                asker.close();
            }

            fixture.restartEmulator(Duration.ofSeconds(1));
            rosa.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && !p.isAvailable(), TransportFixture.WAIT);
            rosa.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), Duration.ofSeconds(30));

            OscarSession back = fixture.contacts.login("330008", "pw8", contact).get(10, TimeUnit.SECONDS);
            try {
                rosa.connection().sendStanza(rosa.connection().getStanzaFactory().buildPresenceStanza()
                        .ofType(Presence.Type.subscribed).to(JidCreate.from("330008@" + DOMAIN)).build());
                assertThat(contact.replies.poll(20, TimeUnit.SECONDS)).isEqualTo("330007 granted");
            } finally {
                back.close();
            }
        }
    }

    private static boolean isSubscriptionAnswer(Presence p, String uin) {
        return (p.getType() == Presence.Type.subscribed || p.getType() == Presence.Type.unsubscribed)
                && p.getFrom().toString().equals(uin + "@" + DOMAIN);
    }
}
