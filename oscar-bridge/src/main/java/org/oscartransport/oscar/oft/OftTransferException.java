package org.oscartransport.oscar.oft;

import java.io.IOException;

/**
 * An OFT transfer that did not finish: the peer closed early, went silent, sent a frame that does not fit the
 * exchange, or used the wrong cookie.
 */
public final class OftTransferException extends IOException {

    private static final long serialVersionUID = 1L;

    public OftTransferException(String message) {
        super(message);
    }

    public OftTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
