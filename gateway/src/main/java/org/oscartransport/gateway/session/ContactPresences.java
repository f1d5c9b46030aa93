package org.oscartransport.gateway.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.oscar.session.ContactStatus;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * ICQ contacts' presence for one user: sent from {@code UIN@transport} to each of the user's full JIDs
 * (directed presence, which the user's server delivers without a roster subscription). Remembers who is online
 * so that resources arriving later learn it, and so that every contact can be signed off when ICQ goes away.
 */
final class ContactPresences {

    private record Shown(ContactStatus status, String message) {}

    private final XmppOut xmpp;
    private final ContactJids jids;
    private final Supplier<Collection<JID>> resources;
    private final Map<String, Shown> online = new ConcurrentHashMap<>();

    ContactPresences(XmppOut xmpp, ContactJids jids, Supplier<Collection<JID>> resources) {
        this.xmpp = xmpp;
        this.jids = jids;
        this.resources = resources;
    }

    void changed(String uin, ContactStatus status, String message) {
        if (status == ContactStatus.OFFLINE) {
            if (online.remove(uin) != null) {
                resources.get().forEach(r -> xmpp.send(unavailable(uin, r)));
            }
            return;
        }
        Shown shown = new Shown(status, message);
        online.put(uin, shown);
        resources.get().forEach(r -> xmpp.send(available(uin, shown, r)));
    }

    /** A resource came online: tell it who is already there. */
    void resourceAvailable(JID fullJid) {
        online.forEach((uin, shown) -> xmpp.send(available(uin, shown, fullJid)));
    }

    /** Answers a probe from {@code to} for one contact with what we last saw of it. */
    void current(String uin, JID to) {
        Shown shown = online.get(uin);
        xmpp.send(shown == null ? unavailable(uin, to) : available(uin, shown, to));
    }

    /** The ICQ session ended: every contact we showed as online goes offline. */
    void allOffline() {
        for (String uin : online.keySet()) {
            online.remove(uin);
            resources.get().forEach(r -> xmpp.send(unavailable(uin, r)));
        }
    }

    private Presence available(String uin, Shown shown, JID to) {
        Presence presence = new Presence();
        presence.setFrom(jids.contactJid(uin));
        presence.setTo(to);
        Presence.Show show = PresenceShows.showOf(shown.status());
        if (show != null) {
            presence.setShow(show);
        }
        if (shown.message() != null) {
            presence.setStatus(shown.message());
        }
        return presence;
    }

    private Presence unavailable(String uin, JID to) {
        Presence presence = new Presence(Presence.Type.unavailable);
        presence.setFrom(jids.contactJid(uin));
        presence.setTo(to);
        return presence;
    }
}
