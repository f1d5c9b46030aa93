package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

class OfferStanzasTest {

    private static final URI URL = URI.create("http://files.example.org:40001/AbCdEf0123456789AbCdEf/photo%20one.jpg");
    private static final JID CONTACT = new JID("123456@icq.example.org");

    @Test
    void messageBodyIsExactlyTheUrlAndCarriesOob() {
        Message message = OfferStanzas.message(CONTACT, new JID("alice@example.org"), URL, "photo one.jpg", 10 * 1024 * 1024);

        assertThat(message.getType()).isEqualTo(Message.Type.chat);
        assertThat(message.getBody()).isEqualTo(URL.toString());
        Element x = message.getChildElement("x", "jabber:x:oob");
        assertThat(x.elementText("url")).isEqualTo(URL.toString());
        assertThat(x.elementText("desc")).isEqualTo("photo one.jpg (10.0 MiB)");
        assertThat(message.getTo().toString()).isEqualTo("alice@example.org");
        assertThat(message.getFrom()).isEqualTo(CONTACT);
    }

    @Test
    void iqGoesToTheFullJidAsASet() {
        IQ iq = OfferStanzas.iq(CONTACT, new JID("alice@example.org/pidgin"), URL, "a.txt", 5);

        assertThat(iq.getType()).isEqualTo(IQ.Type.set);
        assertThat(iq.getTo().getResource()).isEqualTo("pidgin");
        assertThat(iq.getChildElement().getNamespaceURI()).isEqualTo("jabber:iq:oob");
        assertThat(iq.getChildElement().elementText("url")).isEqualTo(URL.toString());
        assertThat(iq.getChildElement().elementText("desc")).isEqualTo("a.txt (5 bytes)");
    }

    @Test
    void sizesReadLikePeopleWriteThem() {
        assertThat(OfferStanzas.humanSize(0)).isEqualTo("0 bytes");
        assertThat(OfferStanzas.humanSize(1)).isEqualTo("1 byte");
        assertThat(OfferStanzas.humanSize(1023)).isEqualTo("1023 bytes");
        assertThat(OfferStanzas.humanSize(1536)).isEqualTo("1.5 KiB");
        assertThat(OfferStanzas.humanSize(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }
}
