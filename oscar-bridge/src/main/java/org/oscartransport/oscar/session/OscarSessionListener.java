package org.oscartransport.oscar.session;

/**
 * What an {@link OscarSession} reports to its owner. Called on the session's event loop: implementations
 * must not block.
 */
public interface OscarSessionListener {

    /** A channel-1 (or channel-4) IM arrived, already decoded to text with HTML wrapping removed. */
    default void onMessage(String fromUin, String text) {}

    /**
     * A message stored by the server while we were offline (oscar.md §5.7), sent at {@code sent}. By default it
     * is handed to {@link #onMessage} like any other.
     */
    default void onOfflineMessage(String fromUin, String text, java.time.Instant sent) {
        onMessage(fromUin, text);
    }

    /** The server-stored contact list, once per sign-on, right after the session is signed on. */
    default void onContactList(java.util.List<Contact> contacts) {}

    /** A contact proposed a Send File rendezvous to us. */
    default void onFileOffer(IncomingFileOffer offer) {}

    /** The contact cancelled an offer we have not finished (rendezvous CANCEL or channel-2 client error). */
    default void onFileOfferCancelled(IncomingFileOffer offer) {}

    /**
     * A contact signed on, changed status or signed off ({@link ContactStatus#OFFLINE}). {@code statusMessage} is
     * the contact's status text, or null if none came with the change.
     */
    default void onContactPresence(String uin, ContactStatus status, String statusMessage) {}

    /** A contact asks us for authorization to list us (0013/0019); {@code reason} is its text, or null. */
    default void onAuthorizationRequest(String fromUin, String reason) {}

    /**
     * A contact answered our authorization request (0013/001B); on a grant the server has already cleared the
     * "awaiting authorization" mark and starts reporting the contact's presence. {@code reason} may be null.
     */
    default void onAuthorizationReply(String fromUin, boolean granted, String reason) {}

    /** A contact started, paused or stopped typing to us. */
    default void onTyping(String fromUin, TypingState state) {}

    /** The session ended (server closed it, connection lost, or {@link OscarSession#close()}). */
    default void onClosed(String reason) {}
}
