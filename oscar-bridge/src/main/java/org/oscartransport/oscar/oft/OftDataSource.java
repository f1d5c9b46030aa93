package org.oscartransport.oscar.oft;

/**
 * Produces the bytes of a file sent over an OFT data connection when they are not in a local file (e.g. the body
 * of an HTTP download being relayed). The sender calls {@link #start} once, after the receiver's ACK.
 */
public interface OftDataSource {

    /**
     * Write exactly the announced size into {@code out}, respecting {@link OftDataOutput#isWritable()}, then call
     * {@link OftDataOutput#complete()}; or {@link OftDataOutput#fail} if the bytes cannot be had.
     */
    void start(OftDataOutput out);

    /** The transfer ended (cancel, decline, peer gone, timeout) before the source completed. */
    default void cancel(Throwable reason) {}
}
