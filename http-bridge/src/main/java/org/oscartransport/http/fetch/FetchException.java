package org.oscartransport.http.fetch;

import java.util.Objects;

/**
 * Why a URL could not be fetched. The message is safe to log and to show the user: it never holds the URL's
 * path or query (which may carry a token), at most its scheme, host and port.
 */
public abstract class FetchException extends Exception {

    /**
     * The kind of failure, for callers that map it to their own errors (the gateway: XMPP conditions
     * {@code item-not-found}, {@code remote-server-not-found}, {@code policy-violation},
     * {@code remote-server-timeout}, and {@code undefined-condition} for {@link #FAILED}).
     */
    public enum Reason {
        /** The server answered 404 or 410. */
        NOT_FOUND,
        /** The host name did not resolve, or no address accepted a connection. */
        UNREACHABLE,
        /** The fetch policy forbids it: scheme, address, port, size, redirects, certificate. */
        REFUSED,
        /** Connecting, the TLS handshake, or waiting for bytes took too long. */
        TIMEOUT,
        /** Anything else: an unexpected status, a broken response, a body that did not match its length. */
        FAILED
    }

    private final Reason reason;

    protected FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
