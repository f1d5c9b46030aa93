package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.util.Locale;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The two XEP-0066 forms of a file offer.
 *
 * <p>The message form's body is exactly the URL: Conversations, Dino, Gajim, Monal and Siskin show a download
 * only then, and turn anything else into a plain link.
 */
public final class OfferStanzas {

    public static final String OOB_X = "jabber:x:oob";
    public static final String OOB_IQ = "jabber:iq:oob";

    private OfferStanzas() {}

    public static Message message(JID from, JID to, URI url, String fileName, long size) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(from);
        message.setTo(to);
        message.setBody(url.toASCIIString());
        Element x = message.addChildElement("x", OOB_X);
        x.addElement("url").setText(url.toASCIIString());
        x.addElement("desc").setText(description(fileName, size));
        return message;
    }

    /** A plain chat line for clients that render no XEP-0066 form: "name (size): URL". */
    public static Message text(JID from, JID to, URI url, String fileName, long size) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(from);
        message.setTo(to);
        message.setBody(description(fileName, size) + ": " + url.toASCIIString());
        return message;
    }

    public static IQ iq(JID from, JID fullJid, URI url, String fileName, long size) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(from);
        iq.setTo(fullJid);
        Element query = iq.setChildElement("query", OOB_IQ);
        query.addElement("url").setText(url.toASCIIString());
        query.addElement("desc").setText(description(fileName, size));
        return iq;
    }

    /** "name (size)", the desc clients show (Pidgin as link text, Psi beside the link). */
    static String description(String fileName, long size) {
        return fileName + " (" + humanSize(size) + ")";
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
