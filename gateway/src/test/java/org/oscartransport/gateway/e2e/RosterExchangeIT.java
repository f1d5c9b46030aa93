package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * XEP-0144 roster item exchange through Prosody: a client that advertises it gets the ICQ contact list as one
 * exchange instead of a subscription request per contact, and its subscriptions to those JIDs go both ways.
 * Smack has XEP-0093 ({@code jabber:x:roster}) only, so the test reads the exchange's XML itself.
 */
class RosterExchangeIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static final String ROSTERX = "http://jabber.org/protocol/rosterx";
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("350001", "pw1", "350002", "pw2", "350003", "pw3"), List.of("rita"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void contactListArrivesAsOneExchangeAndSubscribingToAnItemGoesBothWays() throws Exception {
        OscarSession owner = fixture.contacts.login("350001", "pw1", new OscarSessionListener() {})
                .get(10, TimeUnit.SECONDS);
        owner.addContact("350002", "Bob").get(10, TimeUnit.SECONDS);
        owner.addContact("350003", null).get(10, TimeUnit.SECONDS);
        owner.close();
        owner.closeFuture().get(10, TimeUnit.SECONDS);

        try (XmppTestClient rita = fixture.connect("rita", "desk")) {
            rita.advertiseFeature(ROSTERX);
            TransportFixture.goOnline(rita, "350001", "pw1");

            Message exchange = rita.awaitMessage(m -> m.getExtensionElement("x", ROSTERX) != null,
                    TransportFixture.WAIT);
            assertThat(exchange.getFrom().toString()).isEqualTo(DOMAIN);
            assertThat(items(exchange)).containsExactlyInAnyOrder(
                    "add 350002@" + DOMAIN + " Bob [ICQ]",
                    "add 350003@" + DOMAIN + " null [ICQ]");
            // the transport's own request after registration is there; none from a contact JID
            assertThat(rita.presences().pending()).noneMatch(p -> p.getType() == Presence.Type.subscribe
                    && p.getFrom().toString().endsWith("@" + DOMAIN));

            rita.connection().sendStanza(rita.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.subscribe).to(JidCreate.from("350002@" + DOMAIN)).build());

            rita.awaitPresence(p -> p.getType() == Presence.Type.subscribed
                    && p.getFrom().toString().equals("350002@" + DOMAIN), TransportFixture.WAIT);
            rita.awaitPresence(p -> p.getType() == Presence.Type.subscribe
                    && p.getFrom().toString().equals("350002@" + DOMAIN), TransportFixture.WAIT);
        }
    }

    /** Each item as "action jid name [groups]". */
    private static List<String> items(Message exchange) {
        StandardExtensionElement x = (StandardExtensionElement) exchange.getExtensionElement("x", ROSTERX);
        return x.getElements("item").stream()
                .map(item -> item.getAttributeValue("action") + " " + item.getAttributeValue("jid") + " "
                        + item.getAttributeValue("name") + " "
                        + item.getElements("group").stream().map(StandardExtensionElement::getText).toList())
                .toList();
    }
}
