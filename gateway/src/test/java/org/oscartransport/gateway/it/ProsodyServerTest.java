package org.oscartransport.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Proves the test harness against the real Prosody: accounts, c2s with Smack, restart, component handshake. */
class ProsodyServerTest {
    private static final String COMPONENT = "icq.localhost";
    private static final String SECRET = "s3cret";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ProsodyServer server;

    @BeforeEach
    void startServer(TestInfo test) throws Exception {
        // Under target/ rather than a @TempDir, so the Prosody log survives a failed CI run.
        Path base = Files.createDirectories(Path.of("target", "prosody-it").toAbsolutePath());
        Path dir = Files.createTempDirectory(base, test.getTestMethod().orElseThrow().getName() + "-");
        server = ProsodyServer.start(dir, COMPONENT, SECRET);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoRegisteredUsersChat() throws Exception {
        server.registerUser("alice", "alicepw");
        server.registerUser("bob", "bobpw");
        try (XmppTestClient alice = XmppTestClient.connect(server, "alice", "alicepw", "it");
                XmppTestClient bob = XmppTestClient.connect(server, "bob", "bobpw", "it")) {
            assertThat(alice.jid().toString()).isEqualTo("alice@localhost/it");

            alice.sendMessage("bob@localhost", "hello bob");

            Message got = bob.awaitMessage(m -> "hello bob".equals(m.getBody()), WAIT);
            assertThat(got.getFrom().toString()).isEqualTo("alice@localhost/it");
        }
    }

    @Test
    void discoInfoOfTheServer() throws Exception {
        server.registerUser("alice", "alicepw");
        try (XmppTestClient alice = XmppTestClient.connect(server, "alice", "alicepw", "it")) {
            DiscoverInfo info = alice.discoInfo(server.domain());
            assertThat(info.hasIdentity("server", "im")).as(info.toXML().toString()).isTrue();
            assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
        }
    }

    @Test
    void restartKeepsPortsAndAccounts() throws Exception {
        server.registerUser("carol", "carolpw");
        int c2s = server.c2sPort();
        int component = server.componentPort();

        server.restart();

        assertThat(server.c2sPort()).isEqualTo(c2s);
        assertThat(server.componentPort()).isEqualTo(component);
        try (XmppTestClient carol = XmppTestClient.connect(server, "carol", "carolpw", "it")) {
            assertThat(carol.connection().isAuthenticated()).isTrue();
        }
    }

    @Test
    void componentWithTheRightSecretIsAcceptedAndRoutedTo() throws Exception {
        server.registerUser("alice", "alicepw");
        try (RawComponentConnection component = RawComponentConnection.handshake(server.componentPort(), COMPONENT, SECRET, WAIT);
                XmppTestClient alice = XmppTestClient.connect(server, "alice", "alicepw", "it")) {
            component.awaitText("<handshake/>", WAIT);
            alice.advertiseIqOob(true);

            // client -> component
            alice.sendMessage("123456@" + COMPONENT, "to icq");
            assertThat(component.awaitText("to icq", WAIT)).contains("123456@" + COMPONENT);

            // the component sees the client's features in disco#info of its full JID
            component.send("<iq type='get' id='d1' from='" + COMPONENT + "' to='" + alice.jid() + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(component.awaitText(t -> hasAttr(t, "id", "d1") && t.contains("</iq>"), WAIT))
                    .contains(Oob.IQ_OOB);

            // component -> client: x:oob in a message, then iq:oob answered when the test says so
            component.send("<message type='chat' from='123456@" + COMPONENT + "' to='alice@localhost'>"
                    + "<body>http://127.0.0.1:1/t/f.txt</body><x xmlns='jabber:x:oob'><url>http://127.0.0.1:1/t/f.txt</url>"
                    + "<desc>f.txt (3 bytes)</desc></x></message>");
            Message offer = alice.awaitOobMessage(WAIT);
            assertThat(Oob.ofMessage(offer)).contains(new Oob("http://127.0.0.1:1/t/f.txt", "f.txt (3 bytes)"));

            component.send("<iq type='set' id='oob1' from='123456@" + COMPONENT + "' to='" + alice.jid() + "'>"
                    + "<query xmlns='jabber:iq:oob' sid='s1'><url>http://127.0.0.1:1/t/g.bin</url><desc>g.bin</desc></query></iq>");
            IqOobOffer iqOffer = alice.awaitIqOob(WAIT);
            assertThat(iqOffer.url()).isEqualTo("http://127.0.0.1:1/t/g.bin");
            assertThat(iqOffer.desc()).isEqualTo("g.bin");
            assertThat(iqOffer.sid()).isEqualTo("s1");
            assertThat(iqOffer.from().toString()).isEqualTo("123456@" + COMPONENT);
            iqOffer.accept();
            assertThat(component.awaitText(t -> hasAttr(t, "id", "oob1"), WAIT)).matches(attr("type", "result"));
        }
    }

    @Test
    void gatewayRegistrationRepliesReachTheClient() throws Exception {
        server.registerUser("alice", "alicepw");
        try (RawComponentConnection component = RawComponentConnection.handshake(server.componentPort(), COMPONENT, SECRET, WAIT);
                XmppTestClient alice = XmppTestClient.connect(server, "alice", "alicepw", "it")) {
            component.awaitText("<handshake/>", WAIT);

            CompletableFuture<IQ> accepted = CompletableFuture.supplyAsync(() -> register(alice, "111222", "icqpw"));
            String request = component.awaitText(t -> t.contains("</iq>"), WAIT);
            assertThat(request).contains("jabber:iq:register", "<username>111222</username>", "<password>icqpw</password>");
            component.send("<iq type='result' id='" + iqId(request) + "' from='" + COMPONENT + "' to='" + alice.jid() + "'/>");
            assertThat(accepted.get(10, TimeUnit.SECONDS).getType()).isEqualTo(IQ.Type.result);

            CompletableFuture<IQ> refused = CompletableFuture.supplyAsync(() -> register(alice, "111222", "bad"));
            request = component.awaitText(t -> t.contains("</iq>"), WAIT);
            component.send("<iq type='error' id='" + iqId(request) + "' from='" + COMPONENT + "' to='" + alice.jid() + "'>"
                    + "<error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            IQ error = refused.get(10, TimeUnit.SECONDS);
            assertThat(error.getType()).isEqualTo(IQ.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
        }
    }

    @Test
    void componentWithAWrongSecretIsNotAuthorized() throws Exception {
        try (RawComponentConnection component = RawComponentConnection.handshake(server.componentPort(), COMPONENT, "wrong", WAIT)) {
            assertThat(component.awaitText("not-authorized", WAIT)).doesNotContain("<handshake/>");
        }
    }

    @Test
    void missingProsodyFailsInsteadOfSkipping() {
        assertThatThrownBy(() -> ProsodyServer.requireInstalled("/nonexistent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Prosody is not installed: apt-get install prosody");
    }

    private static IQ register(XmppTestClient client, String uin, String password) {
        try {
            return client.register(COMPONENT, uin, password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String iqId(String xml) {
        Matcher m = Pattern.compile("<iq\\b[^>]*\\bid=['\"]([^'\"]+)['\"]").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1);
    }

    private static boolean hasAttr(String xml, String name, String value) {
        return attr(name, value).matcher(xml).matches();
    }

    private static Pattern attr(String name, String value) {
        return Pattern.compile("(?s).*\\b" + name + "=['\"]" + Pattern.quote(value) + "['\"].*");
    }
}
