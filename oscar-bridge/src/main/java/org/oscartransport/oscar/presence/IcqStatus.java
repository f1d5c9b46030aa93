package org.oscartransport.oscar.presence;

import org.oscartransport.oscar.session.ContactStatus;

/**
 * The ICQ status word of oscar.md §4.5: (u16 flags &lt;&lt; 16) | u16 state. Only the state half matters to us;
 * the flags (web-aware, hide IP, ...) are left at zero when we send.
 */
public final class IcqStatus {

    static final int AWAY = 0x0001;
    static final int DND = 0x0002;
    static final int NA = 0x0004;
    static final int OCCUPIED = 0x0010;
    static final int FREE_FOR_CHAT = 0x0020;
    /** The away bit of the user class (oscar.md §0.2): AIM-style away, also set by some ICQ servers. */
    static final int CLASS_AWAY = 0x0020;

    private IcqStatus() {}

    /**
     * Maps a contact's status word and user class. Several state bits can be set at once (old clients send
     * DND as 0x0013): the most restrictive wins.
     */
    public static ContactStatus toContactStatus(long status, int userClass) {
        int state = (int) (status & 0xFFFF);
        if ((state & DND) != 0) {
            return ContactStatus.DND;
        }
        if ((state & OCCUPIED) != 0) {
            return ContactStatus.OCCUPIED;
        }
        if ((state & NA) != 0) {
            return ContactStatus.NA;
        }
        if ((state & AWAY) != 0 || (userClass & CLASS_AWAY) != 0) {
            return ContactStatus.AWAY;
        }
        if ((state & FREE_FOR_CHAT) != 0) {
            return ContactStatus.FREE_FOR_CHAT;
        }
        return ContactStatus.ONLINE;
    }

    /** The status word we send for {@code status}; OFFLINE has none (sign off instead). */
    public static long toWord(ContactStatus status) {
        return switch (status) {
            case ONLINE -> 0;
            // the combined values ICQ clients send, so old clients that test single bits agree with us
            case AWAY -> AWAY;
            case NA -> NA | AWAY;
            case OCCUPIED -> OCCUPIED | AWAY;
            case DND -> DND | OCCUPIED | AWAY;
            case FREE_FOR_CHAT -> FREE_FOR_CHAT;
            case OFFLINE -> throw new IllegalArgumentException("OFFLINE is not a status one can set");
        };
    }
}
