package org.oscartransport.http.fetch;

/** The fetch policy forbids this URL, address, port, size or redirect chain. */
public final class FetchRefusedException extends FetchException {

    public FetchRefusedException(String message) {
        this(message, null);
    }

    public FetchRefusedException(String message, Throwable cause) {
        super(Reason.REFUSED, message, cause);
    }
}
