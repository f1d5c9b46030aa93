package org.oscartransport.gateway.roster;

import java.util.List;
import org.dom4j.Element;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.oscar.session.Contact;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * XEP-0144 roster item exchange: the whole ICQ contact list as one suggestion to add {@code UIN@transport} items,
 * with the ICQ alias as name and the ICQ group as group, for clients that advertise it.
 */
public final class RosterExchange {
    public static final String NAMESPACE = "http://jabber.org/protocol/rosterx";

    private RosterExchange() {}

    /** A message from the transport to {@code resource} suggesting every contact of {@code contacts}. */
    public static Message of(List<Contact> contacts, ContactJids jids, JID resource) {
        Message message = new Message();
        message.setFrom(jids.transportJid());
        message.setTo(resource);
        Element x = message.addChildElement("x", NAMESPACE);
        for (Contact contact : contacts) {
            Element item = x.addElement("item")
                    .addAttribute("action", "add")
                    .addAttribute("jid", jids.contactJid(contact.uin()).toBareJID());
            if (contact.nickname() != null && !contact.nickname().isBlank()) {
                item.addAttribute("name", contact.nickname());
            }
            if (contact.group() != null && !contact.group().isBlank()) {
                item.addElement("group").setText(contact.group());
            }
        }
        return message;
    }
}
