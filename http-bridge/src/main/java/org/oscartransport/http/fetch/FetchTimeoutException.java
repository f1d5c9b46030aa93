package org.oscartransport.http.fetch;

/** Connecting, the TLS handshake or waiting for bytes took longer than the policy allows. */
public final class FetchTimeoutException extends FetchException {

    public FetchTimeoutException(String message) {
        this(message, null);
    }

    public FetchTimeoutException(String message, Throwable cause) {
        super(Reason.TIMEOUT, message, cause);
    }
}
