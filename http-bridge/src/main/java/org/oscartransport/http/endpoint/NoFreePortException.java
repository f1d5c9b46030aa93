package org.oscartransport.http.endpoint;

import java.net.BindException;

/** Every port of the configured range is taken: no endpoint can be opened until one is released. */
public final class NoFreePortException extends BindException {

    /** @param lastFailure why the last port could not be bound (kept as the cause) */
    public NoFreePortException(String bindHost, PortRange ports, Throwable lastFailure) {
        super("no free port in " + ports + " on " + bindHost
                + ": every port of the range is in use (too many open transfers, or another program)"
                + (lastFailure == null ? "" : "; last error: " + lastFailure.getMessage()));
        initCause(lastFailure);
    }
}
