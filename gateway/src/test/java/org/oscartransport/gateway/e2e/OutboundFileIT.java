package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.splice.Splice;

/** Jabber → ICQ: a URL from the user becomes an OSCAR file transfer to the contact, through a real Prosody. */
class OutboundFileIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;
    private static UploadServer uploads;
    private static Path served;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100014", "pw14", "200015", "pw15"), List.of("ivy"));
        served = InboundFileIT.randomFile("slides.pdf");
        uploads = UploadServer.serving(served, "application/pdf");
    }

    @AfterAll
    static void stop() {
        if (uploads != null) uploads.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void anIqOobUrlReachesTheIcqContactAndTheIqIsAnsweredWhenDelivered() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "psi")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");

            CompletableFuture<IQ> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return ivy.request("200015@" + DOMAIN, new OobQuery(url("slides.pdf")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            IncomingFileOffer offer = contact.offers.poll(20, TimeUnit.SECONDS);
            assertThat(offer).as("the contact got a Send File proposal").isNotNull();
            assertThat(offer.fromUin()).isEqualTo("100014");
            assertThat(offer.fileName()).isEqualTo("slides.pdf");
            assertThat(offer.size()).isEqualTo(Files.size(served));
            HashingSink sink = new HashingSink();
            offer.accept(sink);

            assertThat(sink.done.get(20, TimeUnit.SECONDS)).isEqualTo(InboundFileIT.sha256(served));
            assertThat(answer.get(20, TimeUnit.SECONDS).getType()).isEqualTo(IQ.Type.result);
            contact.session.close();
        }
    }

    @Test
    void aDeclinedFileIsNotAcceptableAndABadUrlIsItemNotFound() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "gajim")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");

            CompletableFuture<IQ> declined = CompletableFuture.supplyAsync(() -> request(ivy, url("slides.pdf")));
            contact.offers.poll(20, TimeUnit.SECONDS).cancel();
            IQ answer = declined.get(20, TimeUnit.SECONDS);
            assertThat(answer.getType()).isEqualTo(IQ.Type.error);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);

            IQ missing = request(ivy, url("missing.pdf"));
            assertThat(missing.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);

            // The transport never fetches from its own download ports, even where private addresses are allowed.
            IQ own = request(ivy, "http://127.0.0.1:" + fixture.firstHttpPort() + "/token/file.bin");
            assertThat(own.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
            assertThat(contact.offers).as("nothing was proposed for refused URLs").isEmpty();
            contact.session.close();
        }
    }

    @Test
    void aContactWhoseClientFailsMidStreamCancelsAndTheUserHearsIt() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "dino")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");

            CompletableFuture<IQ> answered = CompletableFuture.supplyAsync(() -> request(ivy, url("slides.pdf")));
            RefusingSink sink = new RefusingSink();
            contact.offers.poll(20, TimeUnit.SECONDS).accept(sink);

            IQ answer = answered.get(20, TimeUnit.SECONDS);
            assertThat(sink.done).isCompletedExceptionally();
            assertThat(answer.getType()).isEqualTo(IQ.Type.error);
            // its CANCEL says the client gave up (reason 0), not its user: a broken transfer, not a decline
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.undefined_condition);
            assertThat(answer.getError().getDescriptiveText())
                    .isEqualTo("the transfer to the ICQ contact broke off: 200015 gave up on the transfer");
            contact.session.close();
        }
    }

    /**
     * Past the kernel's receive buffer limit (tcp_rmem), most of a plain-HTTP body is spliced into the OFT
     * connection on native epoll, which the transport runs on here: it must arrive whole, and a server hanging up
     * mid-splice must fail the contact's download and the iq.
     */
    @Test
    void aFileBeyondTheReceiveBufferArrivesWholeAndAServerHangingUpMidSpliceFailsIt() throws Exception {
        long size = Splice.receiveBufferLimit() + (24L << 20);
        try (GeneratedFileServer big = GeneratedFileServer.serving("big.iso", size);
                GeneratedFileServer bigCut = GeneratedFileServer.servingCut("cut.iso", size, 8L << 20);
                XmppTestClient ivy = fixture.connect("ivy", "gajim")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");

            CompletableFuture<IQ> answered = CompletableFuture.supplyAsync(() -> request(ivy, big.url()));
            HashingSink sink = new HashingSink();
            contact.offers.poll(20, TimeUnit.SECONDS).accept(sink);
            assertThat(sink.done.get(30, TimeUnit.SECONDS)).isEqualTo(big.sentInFull().get(10, TimeUnit.SECONDS));
            assertThat(answered.get(20, TimeUnit.SECONDS).getType()).isEqualTo(IQ.Type.result);

            CompletableFuture<IQ> failed = CompletableFuture.supplyAsync(() -> request(ivy, bigCut.url()));
            HashingSink cutSink = new HashingSink();
            contact.offers.poll(20, TimeUnit.SECONDS).accept(cutSink);
            assertThat(cutSink.done).as("the contact's download fails").failsWithin(java.time.Duration.ofSeconds(20));
            IQ error = failed.get(20, TimeUnit.SECONDS);
            assertThat(error.getType()).isEqualTo(IQ.Type.error);
            assertThat(error.getError().getDescriptiveText()).startsWith("the file's URL: ").contains("closed after");
            contact.session.close();
        }
    }

    @Test
    void aFileSharedInAChatMessageIsSentAndConfirmed() throws Exception {
        try (XmppTestClient ivy = fixture.connect("ivy", "conversations")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");
            String url = url("slides.pdf");

            ivy.connection().sendStanza(ivy.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from("200015@" + DOMAIN)).ofType(Message.Type.chat).setBody(url)
                    .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build())
                    .build());
            IncomingFileOffer offer = contact.offers.poll(20, TimeUnit.SECONDS);
            HashingSink sink = new HashingSink();
            offer.accept(sink);

            assertThat(sink.done.get(20, TimeUnit.SECONDS)).isEqualTo(InboundFileIT.sha256(served));
            Message notice = ivy.awaitMessage(m -> m.getBody() != null && m.getBody().contains("delivered"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).isEqualTo("[File slides.pdf delivered]");
            assertThat(contact.texts).as("the URL is not also sent as text").isEmpty();
            contact.session.close();
        }
    }

    @Test
    void anEmptyFileIsRefusedAtOnceWithAClearErrorAndNothingIsProposed() throws Exception {
        Path empty = Files.write(Files.createTempDirectory(Path.of("target"), "empty").resolve("empty.txt"), new byte[0]);
        try (UploadServer emptyUploads = UploadServer.serving(empty, "text/plain");
                XmppTestClient ivy = fixture.connect("ivy", "dino")) {
            TransportFixture.goOnline(ivy, "100014", "pw14");
            Contact contact = Contact.login("200015", "pw15");

            IQ answer = request(ivy, emptyUploads.url());

            assertThat(answer.getType()).isEqualTo(IQ.Type.error);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(answer.getError().getDescriptiveText()).contains("empty files cannot be sent over ICQ");
            assertThat(contact.offers.poll(1, TimeUnit.SECONDS)).as("ICQ clients ignore empty offers (libpurple)").isNull();
            contact.session.close();
        }
    }

    private static IQ request(XmppTestClient client, String url) {
        try {
            return client.request("200015@" + DOMAIN, new OobQuery(url));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(String name) {
        return uploads.url(name);
    }

    /** The ICQ contact: an OSCAR session that records offers and IMs. */
    private record Contact(OscarSession session, BlockingQueue<IncomingFileOffer> offers, BlockingQueue<String> texts) {
        static Contact login(String uin, String password) throws Exception {
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            OscarSession session = fixture.contacts.login(uin, password, new OscarSessionListener() {
                @Override
                public void onFileOffer(IncomingFileOffer offer) {
                    offers.add(offer);
                }

                @Override
                public void onMessage(String fromUin, String text) {
                    texts.add(text);
                }
            }).get(10, TimeUnit.SECONDS);
            return new Contact(session, offers, texts);
        }
    }

    /** Hashes what arrives; completes with the SHA-256 in hex. */
    static class HashingSink implements OftDataSink {
        final CompletableFuture<String> done = new CompletableFuture<>();
        private final MessageDigest digest;

        HashingSink() throws Exception {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void onStart(Channel dataChannel, long size) {}

        @Override
        public void onData(ByteBuf data) {
            try {
                digest.update(data.nioBuffer());
            } finally {
                data.release();
            }
        }

        @Override
        public void onComplete() {
            done.complete(HexFormat.of().formatHex(digest.digest()));
        }

        @Override
        public void onFailure(Throwable cause) {
            done.completeExceptionally(cause);
        }
    }

    /** A contact's client that takes the first bytes, then fails (its disk is full): it cancels the rendezvous. */
    private static final class RefusingSink extends HashingSink {
        RefusingSink() throws Exception {
        }

        @Override
        public void onData(ByteBuf data) {
            super.onData(data);
            throw new IllegalStateException("disk full");
        }
    }

    /** A {@code jabber:iq:oob} set, which Smack has no class for. */
    static final class OobQuery extends SimpleIQ {
        private final String url;

        OobQuery(String url) {
            super("query", "jabber:iq:oob");
            setType(IQ.Type.set);
            this.url = url;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.element("url", url);
            return xml;
        }
    }
}
