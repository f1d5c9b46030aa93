package org.oscartransport.gateway.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.oscar.session.Contact;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

class RosterExchangeTest {

    @Test
    void everyContactBecomesAnAddItemWithAliasAndGroupWhenThereAreSome() {
        Message message = RosterExchange.of(List.of(new Contact("111", "Bob <&>", "Friends"),
                new Contact("222", null, null), new Contact("333", " ", " ")), new ContactJids("icq.example.org"),
                new JID("alice@example.org/desk"));

        assertThat(message.getFrom()).hasToString("icq.example.org");
        assertThat(message.getTo()).hasToString("alice@example.org/desk");
        Element x = message.getChildElement("x", RosterExchange.NAMESPACE);
        List<Element> items = x.elements("item");
        assertThat(items).extracting(i -> i.attributeValue("action")).containsOnly("add");
        assertThat(items).extracting(i -> i.attributeValue("jid"))
                .containsExactly("111@icq.example.org", "222@icq.example.org", "333@icq.example.org");
        assertThat(items).extracting(i -> i.attributeValue("name")).containsExactly("Bob <&>", null, null);
        assertThat(items).extracting(i -> i.elementText("group")).containsExactly("Friends", null, null);
        assertThat(message.toXML()).contains("name=\"Bob &lt;&amp;&gt;\"");
    }
}
