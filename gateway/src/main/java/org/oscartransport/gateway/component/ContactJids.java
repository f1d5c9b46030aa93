package org.oscartransport.gateway.component;

import java.util.Optional;
import java.util.regex.Pattern;
import org.xmpp.packet.JID;

/** Maps ICQ UINs to JIDs on the transport's domain ({@code 12345@icq.example.org}) and back. */
public final class ContactJids {

    private static final Pattern UIN = Pattern.compile("[1-9][0-9]{4,11}");

    private final String domain;

    public ContactJids(String domain) {
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }

    public JID transportJid() {
        return new JID(null, domain, null);
    }

    public JID contactJid(String uin) {
        return new JID(uin, domain, null);
    }

    /** The UIN addressed by {@code jid}, if it is a contact JID of this transport. */
    public Optional<String> uinOf(JID jid) {
        if (jid == null || !domain.equals(jid.getDomain()) || jid.getNode() == null) {
            return Optional.empty();
        }
        return isUin(jid.getNode()) ? Optional.of(jid.getNode()) : Optional.empty();
    }

    public static boolean isUin(String text) {
        return text != null && UIN.matcher(text).matches();
    }
}
