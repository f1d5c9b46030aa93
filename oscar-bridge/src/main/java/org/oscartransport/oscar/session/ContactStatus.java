package org.oscartransport.oscar.session;

/** A contact's (or our own) ICQ presence, as far as a Jabber user cares about it. */
public enum ContactStatus {
    ONLINE,
    AWAY,
    NA,
    OCCUPIED,
    DND,
    FREE_FOR_CHAT,
    OFFLINE
}
