package org.oscartransport.gateway.component;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** XEP-0100 {@code jabber:iq:gateway}: the prompt, and translation of a UIN into its contact JID. */
final class GatewayPromptHandler {

    static final String NAMESPACE = "jabber:iq:gateway";

    private final ContactJids jids;

    GatewayPromptHandler(ContactJids jids) {
        this.jids = jids;
    }

    IQ prompt(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        query.addElement("desc").setText("Enter the ICQ number (UIN) of the person you want to contact.");
        query.addElement("prompt").setText("ICQ number");
        return result;
    }

    IQ translate(IQ request) {
        Element prompt = request.getChildElement().element("prompt");
        String uin = prompt == null ? "" : prompt.getTextTrim().replace(" ", "").replace("-", "");
        if (!ContactJids.isUin(uin)) {
            return Iqs.error(request, PacketError.Condition.not_acceptable, "not an ICQ number: " + uin);
        }
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("query", NAMESPACE).addElement("jid").setText(jids.contactJid(uin).toBareJID());
        return result;
    }
}
