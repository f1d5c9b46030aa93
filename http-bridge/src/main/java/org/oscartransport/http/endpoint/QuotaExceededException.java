package org.oscartransport.http.endpoint;

/**
 * A new transfer does not fit in the spool quotas even after deleting every finished spool that could go.
 * The file is not offered; nothing was evicted.
 */
public final class QuotaExceededException extends Exception {

    QuotaExceededException(String message) {
        super(message);
    }
}
