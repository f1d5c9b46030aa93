package org.oscartransport.http.fetch;

/** The host name did not resolve, or no address accepted a connection. */
public final class FetchUnreachableException extends FetchException {

    public FetchUnreachableException(String message) {
        this(message, null);
    }

    public FetchUnreachableException(String message, Throwable cause) {
        super(Reason.UNREACHABLE, message, cause);
    }
}
