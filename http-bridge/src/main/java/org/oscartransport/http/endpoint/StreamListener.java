package org.oscartransport.http.endpoint;

/** How a streamed response reports its end to its endpoint. May be called from any thread. */
interface StreamListener {

    /** Every byte and the end of the response were written to the socket. */
    void streamCompleted();

    /** The source aborted, or the response could not be finished. */
    void streamFailed(Throwable cause);

    /** The HTTP client went away before the response was complete. */
    void clientClosed();
}
