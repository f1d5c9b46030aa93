package org.oscartransport.http.endpoint;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** One per-transfer HTTP endpoint: a listener bound for one file, reachable at an unguessable URL. */
public interface TransferEndpoint {

    /** {@code http://PUBLIC-HOST:PORT/TOKEN/FILENAME}. Contains the secret token: never log it. */
    URI url();

    /** Stops listening and releases the port. Idempotent. */
    void close();

    /** Completes when the endpoint has closed (after the transfer, on expiry, or by {@link #close()}). */
    CompletableFuture<Void> closeFuture();
}
