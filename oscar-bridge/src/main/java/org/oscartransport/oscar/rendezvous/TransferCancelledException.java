package org.oscartransport.oscar.rendezvous;

/**
 * A file transfer ended because one side gave up: the peer sent a rendezvous CANCEL or a channel-2 client error,
 * or our side cancelled. Not a {@link java.util.concurrent.CancellationException}, so futures failed with it are
 * not reported as "cancelled by the caller".
 */
public final class TransferCancelledException extends Exception {

    private final boolean byPeer;
    private final CancelReason reason;

    public TransferCancelledException(String message, boolean byPeer) {
        this(message, byPeer, CancelReason.USER);
    }

    public TransferCancelledException(String message, boolean byPeer, CancelReason reason) {
        super(message);
        this.byPeer = byPeer;
        this.reason = reason;
    }

    /** True when the contact gave up, false when we did. */
    public boolean byPeer() {
        return byPeer;
    }

    /** Why the CANCEL was sent; for the peer's, what its block said. */
    public CancelReason reason() {
        return reason;
    }

    /** True when the contact's client gave up on its own (a failure or timeout there), not its user. */
    public boolean peerClientGaveUp() {
        return byPeer && !reason.isUserChoice();
    }
}
