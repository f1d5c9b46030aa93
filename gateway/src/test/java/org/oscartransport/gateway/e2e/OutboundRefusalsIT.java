package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.IncomingFileOffer;

/**
 * Jabber → ICQ files the gateway refuses or gives up on, seen from the user's client: not signed on to ICQ, too
 * many transfers at once, a web server that stalls mid-body, and a file too large for ICQ's 32-bit sizes.
 */
class OutboundRefusalsIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static final String CONTACT = "200082";
    private static final long STALL_AFTER = 256 * 1024;

    private static TransportFixture fixture;
    private static GeneratedFileServer files;
    private static GeneratedFileServer fourGiB;
    private static HttpServer stalling;
    private static final CountDownLatch releaseStalled = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        // max-size above ICQ's limit on purpose: the 4 GiB refusal must not depend on the admin's setting
        fixture = TransportFixture.start(Map.of("100081", "pw", CONTACT, "pw"), List.of("paul", "rita"),
                "--transfer.max-active-per-user=1", "--transfer.url-read-timeout=2s", "--transfer.max-size=8g");
        files = GeneratedFileServer.serving("notes.pdf", 1L << 20);
        fourGiB = GeneratedFileServer.serving("disc.iso", 4L << 30);
        stalling = stallingServer();
    }

    /** {@code /stall.bin}: HEAD tells 1 MiB; a GET sends the first 256 KiB and then nothing, without hanging up. */
    private static HttpServer stallingServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stall.bin", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().add("Content-Length", Long.toString(1L << 20));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, 1L << 20);
                exchange.getResponseBody().write(new byte[(int) STALL_AFTER]);
                exchange.getResponseBody().flush();
                releaseStalled.await(); // stalls until the test class ends
            } catch (IOException | InterruptedException gone) {
                // the transport gave up and hung up
            }
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        releaseStalled.countDown();
        if (stalling != null) stalling.stop(0);
        if (fourGiB != null) fourGiB.close();
        if (files != null) files.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aUserNotSignedOnToIcqIsToldSoForAnIqAndForAChatMessage() throws Exception {
        try (XmppTestClient rita = fixture.connect("rita", "pidgin")) {
            IQ answer = offer(rita, files.url()).get(20, TimeUnit.SECONDS);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(answer.getError().getDescriptiveText()).isEqualTo("you are not logged in to ICQ");

            rita.connection().sendStanza(rita.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(CONTACT + "@" + DOMAIN)).ofType(Message.Type.chat).setBody(files.url())
                    .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", files.url())
                            .build())
                    .build());
            Message bounced = rita.awaitMessage(m -> m.getType() == Message.Type.error, TransportFixture.WAIT);
            assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
        }
    }

    @Test
    void anOfferBeyondTheUsersActiveTransfersIsAResourceConstraint() throws Exception {
        try (XmppTestClient paul = online("busy"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            CompletableFuture<IQ> first = offer(paul, files.url());
            IncomingFileOffer pending = contact.awaitOffer();

            IQ second = offer(paul, files.url()).get(20, TimeUnit.SECONDS);
            assertThat(second.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
            assertThat(second.getError().getDescriptiveText()).contains("too many transfers");
            assertThat(contact.offers).as("the second file was never proposed").isEmpty();

            pending.cancel();
            assertThat(first.get(20, TimeUnit.SECONDS).getError().getCondition())
                    .isEqualTo(StanzaError.Condition.not_acceptable);
        }
    }

    @Test
    void aWebServerStallingMidBodyTimesOutAndTheContactsReceiveFails() throws Exception {
        try (XmppTestClient paul = online("stall"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            CompletableFuture<IQ> answer = offer(paul,
                    "http://127.0.0.1:" + stalling.getAddress().getPort() + "/stall.bin");
            OutboundFileIT.HashingSink sink = new OutboundFileIT.HashingSink();
            contact.awaitOffer().accept(sink);

            IQ error = answer.get(20, TimeUnit.SECONDS); // the server would stall until the class ends
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
            assertThat(error.getError().getDescriptiveText()).startsWith("the file's URL: ");
            assertThat(sink.done).as("the contact's receive fails instead of hanging").failsWithin(Duration.ofSeconds(20));
        }
    }

    @Test
    void aUrlOfFourGibibytesIsRefusedAndNeverProposed() throws Exception {
        try (XmppTestClient paul = online("huge"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            IQ answer = offer(paul, fourGiB.url()).get(20, TimeUnit.SECONDS);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
            assertThat(answer.getError().getDescriptiveText()).contains("ICQ cannot carry files of 4 GiB or more");

            String url = fourGiB.url();
            paul.connection().sendStanza(paul.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(CONTACT + "@" + DOMAIN)).ofType(Message.Type.chat).setBody(url)
                    .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build())
                    .build());
            Message notice = paul.awaitMessage(m -> m.getBody() != null && m.getBody().startsWith("[File not"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).contains("4 GiB");
            assertThat(contact.offers.poll(1, TimeUnit.SECONDS)).as("nothing was proposed").isNull();
        }
    }

    private static XmppTestClient online(String resource) throws Exception {
        XmppTestClient paul = fixture.connect("paul", resource);
        TransportFixture.goOnline(paul, "100081", "pw");
        return paul;
    }

    private static CompletableFuture<IQ> offer(XmppTestClient user, String url) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return user.request(CONTACT + "@" + DOMAIN, new OutboundFileIT.OobQuery(url), Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
