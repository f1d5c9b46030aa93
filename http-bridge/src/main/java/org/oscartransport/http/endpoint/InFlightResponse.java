package org.oscartransport.http.endpoint;

/** A response whose body is still being sent on a connection; its handler forwards the connection's events. */
interface InFlightResponse {

    /** Whether the body is still going: no other request is answered on the connection meanwhile. */
    boolean isOpen();

    /** On the connection's event loop. */
    void writabilityChanged(boolean writable);

    /** The connection closed; on its event loop. */
    void connectionClosed();
}
