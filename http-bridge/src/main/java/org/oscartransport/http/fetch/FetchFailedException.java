package org.oscartransport.http.fetch;

/** The server answered, but not with the file: an unexpected status, a broken response, or a body that did not match its announced length. */
public final class FetchFailedException extends FetchException {

    public FetchFailedException(String message) {
        this(message, null);
    }

    public FetchFailedException(String message, Throwable cause) {
        super(Reason.FAILED, message, cause);
    }
}
