package org.oscartransport.gateway.component;

import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** Small builders for IQ answers. */
public final class Iqs {
    private Iqs() {}

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
