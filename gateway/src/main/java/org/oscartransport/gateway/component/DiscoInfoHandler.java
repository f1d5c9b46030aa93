package org.oscartransport.gateway.component;

import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** XEP-0030 disco#info for the transport's own JID (identity gateway/icq) and for contact JIDs. */
final class DiscoInfoHandler {

    static final String NAMESPACE = "http://jabber.org/protocol/disco#info";

    private final ContactJids jids;
    private final List<String> features;

    DiscoInfoHandler(ContactJids jids, List<String> features) {
        this.jids = jids;
        this.features = features;
    }

    IQ answer(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        if (request.getTo() != null && request.getTo().getNode() == null) {
            Element identity = query.addElement("identity");
            identity.addAttribute("category", "gateway");
            identity.addAttribute("type", "icq");
            identity.addAttribute("name", "ICQ Transport");
            features.forEach(f -> query.addElement("feature").addAttribute("var", f));
        } else if (jids.uinOf(request.getTo()).isPresent()) {
            Element identity = query.addElement("identity");
            identity.addAttribute("category", "client");
            identity.addAttribute("type", "pc");
            identity.addAttribute("name", "ICQ contact");
            query.addElement("feature").addAttribute("var", NAMESPACE);
            query.addElement("feature").addAttribute("var", "jabber:iq:oob");
        } else {
            return Iqs.error(request, org.xmpp.packet.PacketError.Condition.item_not_found, null);
        }
        return result;
    }
}
