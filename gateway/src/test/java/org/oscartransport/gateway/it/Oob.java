package org.oscartransport.gateway.it;

import java.util.Optional;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;

/**
 * A XEP-0066 out-of-band URL as a test client sees it. Smack has no XEP-0066 support, so both forms arrive
 * as generic XML: {@code <x xmlns='jabber:x:oob'>} as a {@link StandardExtensionElement}, and the
 * {@code jabber:iq:oob} query as the content of an UnparsedIQ (see {@link IqOobOffer}).
 */
public record Oob(String url, String desc) {
    public static final String X_OOB = "jabber:x:oob";
    public static final String IQ_OOB = "jabber:iq:oob";

    /** The {@code jabber:x:oob} of a message, if it has one. */
    public static Optional<Oob> ofMessage(Stanza stanza) {
        // getExtension(Class) would throw: there is no provider, the element is a StandardExtensionElement.
        ExtensionElement x = stanza.getExtensionElement("x", X_OOB);
        return x instanceof StandardExtensionElement element ? Optional.of(of(element)) : Optional.empty();
    }

    /** Reads {@code <url/>} and {@code <desc/>} children of an {@code x} or {@code query} element. */
    static Oob of(StandardExtensionElement element) {
        return new Oob(childText(element, "url"), childText(element, "desc"));
    }

    private static String childText(StandardExtensionElement element, String name) {
        StandardExtensionElement child = element.getFirstElement(name);
        return child == null ? null : child.getText();
    }
}
