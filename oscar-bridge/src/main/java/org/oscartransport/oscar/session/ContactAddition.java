package org.oscartransport.oscar.session;

/** What became of adding a contact to the server-stored list. */
public enum ContactAddition {
    /** Listed; the contact's presence will be reported. */
    ADDED,
    /**
     * The contact requires authorization: it is listed as awaiting it and has been asked; its answer arrives as
     * {@link OscarSessionListener#onAuthorizationReply}.
     */
    AWAITING_AUTHORIZATION
}
