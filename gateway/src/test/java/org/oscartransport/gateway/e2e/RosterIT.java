package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.Contact;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** The ICQ contact list and the Jabber roster (XEP-0100), and offline ICQ messages, through Prosody. */
class RosterIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("310001", "pw1", "310002", "pw2", "310003", "pw3",
                "310004", "pw4", "310005", "pw5", "310006", "pw6", "310007", "pw7", "310008", "pw8"),
                List.of("kira", "lars", "mona", "nils"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void contactAlreadyOnTheIcqListAsksForASubscriptionWithItsNick() throws Exception {
        OscarSession owner = fixture.contacts.login("310001", "pw1", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        owner.addContact("310002", "Bob").get(10, TimeUnit.SECONDS);
        owner.close();
        owner.closeFuture().get(10, TimeUnit.SECONDS);

        try (XmppTestClient kira = fixture.connect("kira", "desk")) {
            TransportFixture.goOnline(kira, "310001", "pw1");
            Presence subscribe = kira.awaitPresence(p -> p.getType() == Presence.Type.subscribe
                    && p.getFrom().toString().equals("310002@" + DOMAIN), TransportFixture.WAIT);
            ExtensionElement nick = subscribe.getExtensionElement("nick", "http://jabber.org/protocol/nick");
            assertThat(nick).as(subscribe.toXML().toString()).isNotNull();
            assertThat(nick.toXML().toString()).contains(">Bob<");
        }
    }

    @Test
    void subscribingToAContactJidPutsItOnTheIcqList() throws Exception {
        try (XmppTestClient lars = fixture.connect("lars", "desk")) {
            TransportFixture.goOnline(lars, "310003", "pw3");
            lars.connection().sendStanza(lars.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.subscribe).to(JidCreate.from("310004@" + DOMAIN)).build());
            lars.awaitPresence(p -> p.getType() == Presence.Type.subscribed
                    && p.getFrom().toString().equals("310004@" + DOMAIN), TransportFixture.WAIT);
        }
        // the transport's session ends with the user's last resource; a fresh login reads the stored list
        BlockingQueue<List<Contact>> lists = new LinkedBlockingQueue<>();
        OscarSession same = loginWhenFree("310003", "pw3", lists);
        try {
            assertThat(lists.poll(10, TimeUnit.SECONDS)).extracting(Contact::uin).containsExactly("310004");
        } finally {
            same.close();
        }
    }

    @Test
    void unsubscribingRemovesTheContactAndProbesGetItsPresence() throws Exception {
        OscarSession owner = fixture.contacts.login("310007", "pw7", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        owner.addContact("310008", null).get(10, TimeUnit.SECONDS);
        owner.close();
        owner.closeFuture().get(10, TimeUnit.SECONDS);
        OscarSession buddy = fixture.contacts.login("310008", "pw8", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        try (XmppTestClient nils = fixture.connect("nils", "desk")) {
            TransportFixture.goOnline(nils, "310007", "pw7");
            nils.awaitPresence(p -> p.isAvailable() && p.getFrom().toString().equals("310008@" + DOMAIN),
                    TransportFixture.WAIT);
            nils.connection().sendStanza(nils.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.probe).to(JidCreate.from("310008@" + DOMAIN)).build());
            nils.awaitPresence(p -> p.isAvailable() && p.getFrom().toString().equals("310008@" + DOMAIN),
                    TransportFixture.WAIT);

            // the user's server routes an unsubscribe only for a subscription it knows, so subscribe first
            nils.connection().sendStanza(nils.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.subscribe).to(JidCreate.from("310008@" + DOMAIN)).build());
            nils.awaitPresence(p -> p.getType() == Presence.Type.subscribed
                    && p.getFrom().toString().equals("310008@" + DOMAIN), TransportFixture.WAIT);
            nils.connection().sendStanza(nils.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.unsubscribe).to(JidCreate.from("310008@" + DOMAIN)).build());
            Thread.sleep(1000); // the removal has no answer the user is sure to see; give it time to reach ICQ
        } finally {
            buddy.close();
        }
        BlockingQueue<List<Contact>> lists = new LinkedBlockingQueue<>();
        OscarSession same = loginWhenFree("310007", "pw7", lists);
        try {
            assertThat(lists.poll(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            same.close();
        }
    }

    @Test
    void icqMessageSentWhileTheUserWasOfflineArrivesWithADelayStamp() throws Exception {
        try (XmppTestClient mona = fixture.connect("mona", "desk")) {
            TransportFixture.goOnline(mona, "310005", "pw5");
        }
        Thread.sleep(500); // let the transport sign 310005 off after the last resource left
        OscarSession contact = fixture.contacts.login("310006", "pw6", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        try {
            contact.sendMessage("310005", "sent while you slept", true).get(10, TimeUnit.SECONDS);
        } finally {
            contact.close();
        }
        try (XmppTestClient mona = fixture.connect("mona", "phone")) {
            mona.sendPresenceAvailable();
            Message message = mona.awaitMessage(m -> "sent while you slept".equals(m.getBody()),
                    TransportFixture.WAIT);
            assertThat(message.getFrom().toString()).isEqualTo("310006@" + DOMAIN);
            ExtensionElement delay = message.getExtensionElement("delay", "urn:xmpp:delay");
            assertThat(delay).as(message.toXML().toString()).isNotNull();
            assertThat(delay.toXML().toString()).containsPattern("stamp=['\"]\\d{4}-\\d\\d-\\d\\dT");
        }
    }

    /** Logs in as {@code uin} once the transport has let go of it (it signs off when the user goes away). */
    private static OscarSession loginWhenFree(String uin, String password, BlockingQueue<List<Contact>> lists)
            throws Exception {
        Thread.sleep(500);
        return fixture.contacts.login(uin, password, new OscarSessionListener() {
            @Override
            public void onContactList(List<Contact> contacts) {
                lists.add(contacts);
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
