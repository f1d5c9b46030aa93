package org.oscartransport.gateway.session;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.oscar.session.ContactStatus;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * The status a user shows on ICQ: that of their most available resource (highest priority, then the most
 * available show), since ICQ has one status per account.
 */
final class UserStatus {

    /** What one resource last said about itself. */
    record Shown(ContactStatus status, String message) {
        static final Shown ONLINE = new Shown(ContactStatus.ONLINE, null);
    }

    private record Resource(int priority, Presence.Show show, String message) {}

    private static final Comparator<Resource> MOST_AVAILABLE = Comparator.comparingInt(Resource::priority)
            .thenComparingInt(r -> PresenceShows.availability(r.show()));

    private final Map<JID, Resource> resources = new ConcurrentHashMap<>();

    /** Records an available presence of a resource. */
    void update(JID fullJid, Presence presence) {
        resources.put(fullJid, new Resource(presence.getPriority(), presence.getShow(), blankToNull(presence.getStatus())));
    }

    void remove(JID fullJid) {
        resources.remove(fullJid);
    }

    /** The status to show on ICQ now. */
    Shown current() {
        return resources.values().stream().max(MOST_AVAILABLE)
                .map(r -> new Shown(PresenceShows.statusOf(r.show()), r.message()))
                .orElse(Shown.ONLINE);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
