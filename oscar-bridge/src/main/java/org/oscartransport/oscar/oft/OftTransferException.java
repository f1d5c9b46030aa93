package org.oscartransport.oscar.oft;

import java.io.IOException;

/**
 * An OFT transfer that did not finish: the peer closed early, went silent, sent a frame that does not fit the
 * exchange, or used the wrong cookie.
 */
public final class OftTransferException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean connectionLost;

    public OftTransferException(String message) {
        this(message, null, false);
    }

    public OftTransferException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private OftTransferException(String message, Throwable cause, boolean connectionLost) {
        super(message, cause);
        this.connectionLost = connectionLost;
    }

    /** The connection went away under us (closed or reset by the peer or the network), not our own doing. */
    public static OftTransferException connectionLost(String message, Throwable cause) {
        return new OftTransferException(message, cause, true);
    }

    public boolean isConnectionLost() {
        return connectionLost;
    }

    /** Whether {@code failure} says the connection went away rather than that one side gave up on purpose. */
    public static boolean isConnectionLost(Throwable failure) {
        return failure instanceof OftTransferException oft && oft.connectionLost;
    }
}
