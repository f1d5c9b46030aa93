package org.oscartransport.gateway.session;

import org.oscartransport.oscar.session.ContactStatus;
import org.xmpp.packet.Presence;

/** ICQ statuses and XMPP {@code <show/>} values, both ways (XEP-0100 leaves the mapping to the gateway). */
final class PresenceShows {

    private PresenceShows() {}

    /** The show for a contact's status; null means plain available. ICQ has two busy states, XMPP one. */
    static Presence.Show showOf(ContactStatus status) {
        return switch (status) {
            case AWAY -> Presence.Show.away;
            case NA -> Presence.Show.xa;
            case OCCUPIED, DND -> Presence.Show.dnd;
            case FREE_FOR_CHAT -> Presence.Show.chat;
            case ONLINE, OFFLINE -> null;
        };
    }

    /** The ICQ status for a user's show (null = plain available). */
    static ContactStatus statusOf(Presence.Show show) {
        if (show == null) {
            return ContactStatus.ONLINE;
        }
        return switch (show) {
            case away -> ContactStatus.AWAY;
            case xa -> ContactStatus.NA;
            case dnd -> ContactStatus.DND;
            case chat -> ContactStatus.FREE_FOR_CHAT;
        };
    }

    /** Orders shows from most to least available, to break ties between resources of equal priority. */
    static int availability(Presence.Show show) {
        if (show == null) {
            return 4;
        }
        return switch (show) {
            case chat -> 5;
            case away -> 3;
            case xa -> 2;
            case dnd -> 1;
        };
    }
}
