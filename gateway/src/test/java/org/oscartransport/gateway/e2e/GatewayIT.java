package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** The transport as an XEP-0100 gateway, through a real Prosody: disco, prompt, registration, chat. */
class GatewayIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100005", "right", "200006", "pw", "100010", "pw10", "200011", "pw11"),
                List.of("carol", "dave", "gina"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void discoShowsAnIcqGatewayWithItsFeatures() throws Exception {
        try (XmppTestClient carol = fixture.connect("carol", "laptop")) {
            DiscoverInfo info = carol.discoInfo(DOMAIN);

            assertThat(info.hasIdentity("gateway", "icq")).isTrue();
            assertThat(info.containsFeature("jabber:iq:register")).isTrue();
            assertThat(info.containsFeature("jabber:iq:gateway")).isTrue();
        }
    }

    @Test
    void thePromptTranslatesAUinIntoAContactJid() throws Exception {
        try (XmppTestClient carol = fixture.connect("carol", "laptop")) {
            IQ prompt = carol.request(DOMAIN, new GatewayQuery(IQ.Type.get, null));
            assertThat(prompt.getType()).isEqualTo(IQ.Type.result);
            assertThat(content(prompt)).contains("<prompt>ICQ number</prompt>");

            IQ translated = carol.request(DOMAIN, new GatewayQuery(IQ.Type.set, "123 456"));
            assertThat(content(translated)).contains("<jid>123456@" + DOMAIN + "</jid>");
        }
    }

    @Test
    void aWrongIcqPasswordIsRefusedAsNotAuthorized() throws Exception {
        try (XmppTestClient carol = fixture.connect("carol", "laptop")) {
            IQ answer = carol.register(DOMAIN, "100005", "wrong");

            assertThat(answer.getType()).isEqualTo(IQ.Type.error);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
            assertThat(carol.registrationForm(DOMAIN).toXML().toString()).doesNotContain("<registered");
        }
    }

    @Test
    void chatFlowsBothWaysAndUnregisteringEndsIt() throws Exception {
        try (XmppTestClient dave = fixture.connect("dave", "desk")) {
            TransportFixture.goOnline(dave, "100005", "right");
            CompletableFuture<String> heard = new CompletableFuture<>();
            OscarSession contact = fixture.contacts.login("200006", "pw", new OscarSessionListener() {
                @Override
                public void onMessage(String fromUin, String text) {
                    heard.complete(fromUin + ": " + text);
                }
            }).get(10, TimeUnit.SECONDS);

            contact.sendMessage("100005", "Привет, dave ✓").get(10, TimeUnit.SECONDS);
            Message received = dave.awaitMessage(m -> m.getBody() != null && m.getBody().contains("dave"), TransportFixture.WAIT);
            assertThat(received.getFrom().toString()).startsWith("200006@" + DOMAIN);
            assertThat(received.getBody()).isEqualTo("Привет, dave ✓");

            dave.sendMessage("200006@" + DOMAIN, "hello back");
            assertThat(heard.get(10, TimeUnit.SECONDS)).isEqualTo("100005: hello back");

            assertThat(dave.unregister(DOMAIN).getType()).isEqualTo(IQ.Type.result);
            assertThat(dave.registrationForm(DOMAIN).toXML().toString()).doesNotContain("<registered");
            contact.close();
        }
    }

    @Test
    void aUsersMessagesReachTheContactInTheOrderSent() throws Exception {
        try (XmppTestClient gina = fixture.connect("gina", "desk")) {
            TransportFixture.goOnline(gina, "100010", "pw10");
            List<String> heard = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(200);
            OscarSession contact = fixture.contacts.login("200011", "pw11", new OscarSessionListener() {
                @Override
                public void onMessage(String fromUin, String text) {
                    heard.add(text);
                    all.countDown();
                }
            }).get(10, TimeUnit.SECONDS);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add("message " + i);
                gina.sendMessage("200011@" + DOMAIN, "message " + i);
            }

            assertThat(all.await(30, TimeUnit.SECONDS)).as("all 200 arrived").isTrue();
            assertThat(heard).containsExactlyElementsOf(sent);
            contact.close();
        }
    }

    @Test
    void aLongMessageReachesTheContactAsSeveralImsThatJoinToIt() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 20_000; i++) {
            sb.append(i % 2 == 0 ? "a long line of words, " : "𝄞 Привет 😀 ");
        }
        String text = sb.substring(0, 20_000);
        try (XmppTestClient dave = fixture.connect("dave", "phone")) {
            TransportFixture.goOnline(dave, "100005", "right");
            StringBuilder heard = new StringBuilder();
            List<String> parts = new CopyOnWriteArrayList<>();
            CompletableFuture<String> whole = new CompletableFuture<>();
            OscarSession contact = fixture.contacts.login("200006", "pw", new OscarSessionListener() {
                @Override
                public void onMessage(String fromUin, String part) {
                    parts.add(part);
                    heard.append(part);
                    if (heard.length() >= text.length()) {
                        whole.complete(heard.toString());
                    }
                }
            }).get(10, TimeUnit.SECONDS);

            dave.sendMessage("200006@" + DOMAIN, text);

            assertThat(whole.get(30, TimeUnit.SECONDS)).isEqualTo(text);
            assertThat(parts).hasSizeGreaterThan(1); // one ICBM carries at most 8000 bytes
            dave.unregister(DOMAIN);
            contact.close();
        }
    }

    /** Smack keeps namespaces it has no provider for as raw XML. */
    private static String content(IQ iq) {
        assertThat(iq).isInstanceOf(UnparsedIQ.class);
        return ((UnparsedIQ) iq).getContent().toString();
    }

    /** A {@code jabber:iq:gateway} query, which Smack has no class for. */
    private static final class GatewayQuery extends SimpleIQ {
        private final String prompt;

        GatewayQuery(IQ.Type type, String prompt) {
            super("query", "jabber:iq:gateway");
            setType(type);
            this.prompt = prompt;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            if (prompt == null) {
                xml.setEmptyElement();
                return xml;
            }
            xml.rightAngleBracket();
            xml.element("prompt", prompt);
            return xml;
        }
    }
}
