package org.oscartransport.oscar.rendezvous;

/**
 * A file transfer ended because one side gave up: the peer sent a rendezvous CANCEL or a channel-2 client error,
 * or our side cancelled. Not a {@link java.util.concurrent.CancellationException}, so futures failed with it are
 * not reported as "cancelled by the caller".
 */
public final class TransferCancelledException extends Exception {

    private final boolean byPeer;

    public TransferCancelledException(String message, boolean byPeer) {
        super(message);
        this.byPeer = byPeer;
    }

    /** True when the contact gave up, false when we did. */
    public boolean byPeer() {
        return byPeer;
    }
}
