package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.IncomingFileOffer;

/**
 * Jabber → ICQ: each way a client shares a file after an HTTP upload (clients.md §4.10), sent through a real
 * Prosody exactly as that client shapes it, reaches the ICQ contact whole and earns the user a delivery notice.
 */
class OutboundStylesIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static final String CONTACT = "200072";
    private static final String SFS = "urn:xmpp:sfs:0";
    private static final String URL_DATA = "http://jabber.org/protocol/url-data";
    private static final String REFERENCE = "urn:xmpp:reference:0";

    private static TransportFixture fixture;
    private static UploadServer uploads;
    private static Path served;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100071", "pw", CONTACT, "pw"), List.of("olga"));
        served = InboundFileIT.randomFile("holiday.jpg");
        uploads = UploadServer.serving(served, "image/jpeg");
    }

    @AfterAll
    static void stop() {
        if (uploads != null) uploads.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void dinoAnnouncesTheFileAndThenAttachesItsUrlInASecondMessage() throws Exception {
        try (XmppTestClient olga = online("dino"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            String url = uploads.url();
            // 1: the SFS announcement, metadata and hash only, no body
            Message announcement = message(olga)
                    .addExtension(StandardExtensionElement.builder("file-sharing", SFS).addAttribute("id", "share-1")
                            .addElement(fileMetadata("holiday.jpg")).build())
                    .addExtension(StandardExtensionElement.builder("store", "urn:xmpp:hints").build())
                    .build();
            olga.connection().sendStanza(announcement);
            // 2: body = URL, OOB, and the SFS sources attached to the announcement
            olga.connection().sendStanza(message(olga).setBody(url)
                    .addExtension(oob(url))
                    .addExtension(StandardExtensionElement.builder("attach-to", "urn:xmpp:message-attaching:1")
                            .addAttribute("id", announcement.getStanzaId()).build())
                    .addExtension(StandardExtensionElement.builder("sources", SFS).addAttribute("id", "share-1")
                            .addElement(urlData(url)).build())
                    .build());

            receiveWhole(contact, "holiday.jpg");
            assertDelivered(olga, "holiday.jpg");
            assertThat(contact.offers).as("the announcement alone offered nothing").isEmpty();
            assertThat(contact.texts).as("neither message reached the contact as text").isEmpty();
        }
    }

    @Test
    void anSfsShareWithItsSourcesInOneMessageUsesTheAnnouncedName() throws Exception {
        try (XmppTestClient olga = online("sfs"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            olga.connection().sendStanza(message(olga).setBody("Holiday at sea.jpg")
                    .addExtension(StandardExtensionElement.builder("fallback", "urn:xmpp:fallback:0")
                            .addAttribute("for", SFS).build())
                    .addExtension(StandardExtensionElement.builder("file-sharing", SFS).addAttribute("id", "share-2")
                            .addElement(fileMetadata("Holiday at sea.jpg"))
                            .addElement(StandardExtensionElement.builder("sources", SFS)
                                    .addElement(urlData(uploads.url())).build())
                            .build())
                    .build());

            receiveWhole(contact, "Holiday at sea.jpg");
            assertDelivered(olga, "Holiday at sea.jpg");
            assertThat(contact.texts).as("the fallback body is for clients without SFS").isEmpty();
        }
    }

    @Test
    void psiSharesWithSimsAndADescriptionThatGoesFirstAsText() throws Exception {
        try (XmppTestClient olga = online("psi"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            String url = uploads.url();
            String body = "Our hotel " + url;
            olga.connection().sendStanza(message(olga).setBody(body)
                    .addExtension(sims(url, "hotel view.jpg", body.indexOf(url), body.length()))
                    .build());

            receiveWhole(contact, "hotel view.jpg");
            assertDelivered(olga, "hotel view.jpg");
            assertThat(contact.texts.poll(TransportFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Our hotel");
        }
    }

    @Test
    void movimSharesWithSimsAndOobAndTheUrlAsBody() throws Exception {
        try (XmppTestClient olga = online("movim"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            String url = uploads.url();
            olga.connection().sendStanza(message(olga).setBody(url)
                    .addExtension(sims(url, "holiday.jpg", 0, url.length()))
                    .addExtension(oob(url))
                    .build());

            receiveWhole(contact, "holiday.jpg");
            assertDelivered(olga, "holiday.jpg");
            assertThat(contact.texts).isEmpty();
        }
    }

    @Test
    void aBodyThatIsOnlyAUrlIsSentAsTextNotFetched() throws Exception {
        try (XmppTestClient olga = online("plain"); IcqContact contact = IcqContact.login(fixture, CONTACT, "pw")) {
            String url = uploads.url();
            olga.sendMessage(CONTACT + "@" + DOMAIN, url);

            assertThat(contact.texts.poll(TransportFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(url);
            assertThat(contact.offers).as("an unmarked link is a link, as clients treat it").isEmpty();
        }
    }

    private static XmppTestClient online(String resource) throws Exception {
        XmppTestClient olga = fixture.connect("olga", resource);
        TransportFixture.goOnline(olga, "100071", "pw");
        return olga;
    }

    private static MessageBuilder message(XmppTestClient from) throws Exception {
        return from.connection().getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(CONTACT + "@" + DOMAIN)).ofType(Message.Type.chat);
    }

    private static void receiveWhole(IcqContact contact, String name) throws Exception {
        IncomingFileOffer offer = contact.awaitOffer();
        assertThat(offer.fromUin()).isEqualTo("100071");
        assertThat(offer.fileName()).isEqualTo(name);
        assertThat(offer.size()).isEqualTo(Files.size(served));
        OutboundFileIT.HashingSink sink = new OutboundFileIT.HashingSink();
        offer.accept(sink);
        assertThat(sink.done.get(20, TimeUnit.SECONDS)).isEqualTo(InboundFileIT.sha256(served));
    }

    private static void assertDelivered(XmppTestClient user, String name) throws InterruptedException {
        Message notice = user.awaitMessage(m -> m.getBody() != null && m.getBody().contains("delivered"),
                TransportFixture.WAIT);
        assertThat(notice.getBody()).isEqualTo("[File " + name + " delivered]");
    }

    private static StandardExtensionElement oob(String url) {
        return StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build();
    }

    private static StandardExtensionElement urlData(String url) {
        return StandardExtensionElement.builder("url-data", URL_DATA).addAttribute("target", url).build();
    }

    /** XEP-0446 metadata, with the SHA-256 that Dino insists on. */
    private static StandardExtensionElement fileMetadata(String name) throws Exception {
        return StandardExtensionElement.builder("file", "urn:xmpp:file:metadata:0")
                .addElement("media-type", "image/jpeg")
                .addElement("name", name)
                .addElement("size", Long.toString(Files.size(served)))
                .addElement(hash())
                .build();
    }

    /** XEP-0385 as Psi and Movim send it: a data reference holding the media-sharing file and its source. */
    private static StandardExtensionElement sims(String url, String name, int begin, int end) throws Exception {
        return StandardExtensionElement.builder("reference", REFERENCE)
                .addAttribute("type", "data").addAttribute("begin", Integer.toString(begin))
                .addAttribute("end", Integer.toString(end))
                .addElement(StandardExtensionElement.builder("media-sharing", "urn:xmpp:sims:1")
                        .addElement(StandardExtensionElement.builder("file", "urn:xmpp:jingle:apps:file-transfer:5")
                                .addElement("media-type", "image/jpeg")
                                .addElement("name", name)
                                .addElement("size", Long.toString(Files.size(served)))
                                .addElement(hash())
                                .build())
                        .addElement(StandardExtensionElement.builder("sources", "urn:xmpp:sims:1")
                                .addElement(StandardExtensionElement.builder("reference", REFERENCE)
                                        .addAttribute("type", "data").addAttribute("uri", url).build())
                                .build())
                        .build())
                .build();
    }

    private static StandardExtensionElement hash() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(served));
        return StandardExtensionElement.builder("hash", "urn:xmpp:hashes:2").addAttribute("algo", "sha-256")
                .setText(Base64.getEncoder().encodeToString(digest)).build();
    }
}
