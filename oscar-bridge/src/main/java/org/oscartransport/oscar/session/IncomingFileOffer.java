package org.oscartransport.oscar.session;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import org.oscartransport.oscar.oft.OftDataSink;

/** A Send File proposal from a contact, as the user's session received it. */
public interface IncomingFileOffer {

    String fromUin();

    /** The rendezvous cookie (8 bytes), which identifies this transfer for its whole life. */
    byte[] cookie();

    /** The file (or folder) name from TLV 0x2711, decoded with its charset. Not sanitised. */
    String fileName();

    /** Total size in bytes (TLV 0x2713 when present, else the 32-bit size of 0x2711). */
    long size();

    int fileCount();

    /** Whether the proposal offers a folder or several files (TLV 0x2711 kind 0x0002), even of one file. */
    boolean isFolder();

    /** Where the peer asked to be connected to (verified IP and port), or null if it gave none. */
    InetSocketAddress directAddress();

    /**
     * The event loop of the session that received the offer; the data connection will live on it too. Whoever
     * consumes the file's bytes does so most cheaply on the same loop (no hand-off between threads per chunk).
     */
    EventLoop eventLoop();

    /**
     * Accepts the offer: opens the data connection, sends the ICBM ACCEPT, answers the OFT PROMPT with ACK and
     * streams the file's bytes into {@code sink}. Call at most once.
     */
    void accept(OftDataSink sink);

    /** Declines (or abandons) the offer: sends a rendezvous CANCEL to the contact and closes any connection. */
    void cancel();
}
