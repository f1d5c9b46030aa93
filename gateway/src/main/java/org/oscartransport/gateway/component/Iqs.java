package org.oscartransport.gateway.component;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** Small builders for IQ answers. */
public final class Iqs {
    private Iqs() {}

    /**
     * An error with a condition Tinder has no constant for (RFC 6120 added {@code policy-violation}).
     *
     * @param type cancel, modify, auth or wait
     */
    public static PacketError packetError(String condition, String type, String text) {
        String ns = "urn:ietf:params:xml:ns:xmpp-stanzas";
        Element error = DocumentHelper.createElement("error");
        error.addAttribute("type", type);
        error.addElement(condition, ns);
        if (text != null) {
            error.addElement("text", ns).setText(text);
        }
        return new PacketError(error);
    }

    public static IQ error(IQ request, PacketError error) {
        IQ answer = IQ.createResultIQ(request);
        if (request.getChildElement() != null) {
            answer.setChildElement(request.getChildElement().createCopy());
        }
        answer.setError(error);
        return answer;
    }

    /** An error answer that echoes the request's child element, as RFC 6120 allows. */
    public static IQ error(IQ request, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(request);
        if (request.getChildElement() != null) {
            error.setChildElement(request.getChildElement().createCopy());
        }
        error.setError(text == null ? new PacketError(condition)
                : new PacketError(condition, condition.getDefaultType(), text));
        return error;
    }
}
