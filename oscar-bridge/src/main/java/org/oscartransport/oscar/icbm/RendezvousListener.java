package org.oscartransport.oscar.icbm;

/** Where {@link IcbmService} hands channel-2 traffic (rendezvous) that it does not handle itself. */
public interface RendezvousListener {

    /** An incoming channel-2 ICBM (0004/0007). */
    void onRendezvous(IncomingIcbm icbm);

    /** A 0004/000B client error from a peer, e.g. a declined rendezvous. */
    void onClientError(byte[] cookie, int channel, String from, int code);
}
