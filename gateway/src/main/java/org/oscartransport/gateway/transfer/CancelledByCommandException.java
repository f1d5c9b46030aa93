package org.oscartransport.gateway.transfer;

import java.io.IOException;

/** Why an outbound transfer's data stopped when the user or an admin cancelled it with the transfers command. */
final class CancelledByCommandException extends IOException {

    private static final long serialVersionUID = 1L;

    CancelledByCommandException() {
        super("cancelled with the transfers command");
    }
}
