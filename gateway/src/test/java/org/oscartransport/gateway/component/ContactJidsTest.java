package org.oscartransport.gateway.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class ContactJidsTest {

    private final ContactJids jids = new ContactJids("icq.example.org");

    @Test
    void mapsUinsToContactJidsAndBack() {
        JID contact = jids.contactJid("123456");
        assertThat(contact.toString()).isEqualTo("123456@icq.example.org");
        assertThat(jids.uinOf(contact)).contains("123456");
    }

    @Test
    void ignoresJidsThatAreNotContactsOfThisTransport() {
        assertThat(jids.uinOf(new JID("123456@other.example.org"))).isEmpty();
        assertThat(jids.uinOf(new JID("icq.example.org"))).isEmpty();
        assertThat(jids.uinOf(new JID("alice@icq.example.org"))).isEmpty();
        assertThat(jids.uinOf(new JID("0123456@icq.example.org"))).isEmpty();
        assertThat(jids.uinOf(null)).isEmpty();
    }
}
