package org.oscartransport.http.fetch;

/** The server answered 404 Not Found or 410 Gone. */
public final class FetchNotFoundException extends FetchException {

    public FetchNotFoundException(String message) {
        this(message, null);
    }

    public FetchNotFoundException(String message, Throwable cause) {
        super(Reason.NOT_FOUND, message, cause);
    }
}
