package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.TypingState;

/** Presence between a Jabber user and an ICQ contact through Prosody, the transport and the emulator. */
class PresenceIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("300001", "pw1", "300002", "pw2", "300003", "pw3", "300004", "pw4",
                "300005", "pw5", "300006", "pw6"),
                List.of("hana", "ivan"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    /** What an ICQ contact sees of others' status, for the test to wait on. */
    private static final class StatusWatcher implements OscarSessionListener {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public void onContactPresence(String uin, ContactStatus status, String statusMessage) {
            seen.add(uin + " " + status);
        }

        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TransportFixture.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String next = seen.poll(100, TimeUnit.MILLISECONDS);
                if (expected.equals(next)) {
                    return;
                }
            }
            throw new AssertionError("the contact never saw " + expected);
        }
    }

    @Test
    void typingFlowsBothWaysAsChatStates() throws Exception {
        try (XmppTestClient hana = fixture.connect("hana", "phone")) {
            TransportFixture.goOnline(hana, "300005", "pw5");
            BlockingQueue<String> typing = new LinkedBlockingQueue<>();
            OscarSession contact = fixture.contacts.login("300006", "pw6", new OscarSessionListener() {
                @Override
                public void onTyping(String fromUin, TypingState state) {
                    typing.add(fromUin + " " + state);
                }

                @Override
                public void onMessage(String fromUin, String text) {
                    typing.add("message " + text);
                }
            }).get(10, TimeUnit.SECONDS);

            sendChatState(hana, "300006@" + DOMAIN, ChatState.composing);
            assertThat(typing.poll(20, TimeUnit.SECONDS)).isEqualTo("300005 TYPING");
            sendChatState(hana, "300006@" + DOMAIN, ChatState.paused);
            assertThat(typing.poll(20, TimeUnit.SECONDS)).isEqualTo("300005 PAUSED");
            sendChatState(hana, "300006@" + DOMAIN, ChatState.gone);
            assertThat(typing.poll(20, TimeUnit.SECONDS)).as("no empty IM, just stopped").isEqualTo("300005 STOPPED");

            contact.sendTyping("300005", TypingState.TYPING).get(5, TimeUnit.SECONDS);
            Message composing = hana.awaitMessage(m -> chatState(m) != null, TransportFixture.WAIT);
            assertThat(composing.getFrom().toString()).startsWith("300006@" + DOMAIN);
            assertThat(chatState(composing)).isEqualTo("composing");
            assertThat(composing.getBody()).isNull();
            assertThat(composing.getType()).isEqualTo(Message.Type.chat);
            contact.close();
        }
    }

    private static void sendChatState(XmppTestClient user, String to, ChatState state) throws Exception {
        XMPPConnection connection = user.connection();
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to))
                .ofType(Message.Type.chat).addExtension(new ChatStateExtension(state)).build());
    }

    /** The name of the message's chat-state element, or null. */
    private static String chatState(Message m) {
        ExtensionElement state = m.getExtension(ChatStateExtension.NAMESPACE);
        return state == null ? null : state.getElementName();
    }

    private static boolean from(Presence p, String uin) {
        return p.getFrom().toString().equals(uin + "@" + DOMAIN);
    }

    @Test
    void aContactArrivingGoingAwayAndLeavingIsSeenByTheUser() throws Exception {
        try (XmppTestClient hana = fixture.connect("hana", "desk")) {
            TransportFixture.goOnline(hana, "300001", "pw1");
            OscarSession contact = fixture.contacts.login("300002", "pw2", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);

            Presence online = hana.awaitPresence(p -> from(p, "300002") && p.isAvailable(), TransportFixture.WAIT);
            assertThat(online.getMode()).isEqualTo(Presence.Mode.available);

            contact.setStatus(ContactStatus.AWAY, "lunch").get(5, TimeUnit.SECONDS);
            Presence away = hana.awaitPresence(p -> from(p, "300002") && p.getMode() == Presence.Mode.away,
                    TransportFixture.WAIT);
            assertThat(away.getStatus()).isEqualTo("lunch");

            contact.close();
            hana.awaitPresence(p -> from(p, "300002") && p.getType() == Presence.Type.unavailable,
                    TransportFixture.WAIT);
        }
    }

    @Test
    void theUsersShowBecomesTheirIcqStatus() throws Exception {
        try (XmppTestClient ivan = fixture.connect("ivan", "desk")) {
            TransportFixture.goOnline(ivan, "300003", "pw3");
            StatusWatcher watcher = new StatusWatcher();
            OscarSession contact = fixture.contacts.login("300004", "pw4", watcher).get(10, TimeUnit.SECONDS);
            watcher.await("300003 ONLINE");

            ivan.sendPresenceAvailable(Presence.Mode.dnd, "in a meeting");
            watcher.await("300003 DND");

            ivan.sendPresenceAvailable(Presence.Mode.available, null);
            watcher.await("300003 ONLINE");

            // the user's ICQ session ends while they are online: the contacts they saw go offline for them
            ivan.awaitPresence(p -> from(p, "300004") && p.isAvailable(), TransportFixture.WAIT);
            ivan.unregister(DOMAIN);
            ivan.awaitPresence(p -> from(p, "300004") && p.getType() == Presence.Type.unavailable,
                    TransportFixture.WAIT);
            watcher.await("300003 OFFLINE");
            contact.close();
        }
    }
}
