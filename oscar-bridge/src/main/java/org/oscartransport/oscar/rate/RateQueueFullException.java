package org.oscartransport.oscar.rate;

/** The outgoing queue of a rate-limited connection is full; the SNAC was not sent. */
public final class RateQueueFullException extends IllegalStateException {

    public RateQueueFullException(int capacity) {
        super("Sending too fast: " + capacity + " SNACs already wait for the server's rate limit");
    }
}
