package org.oscartransport.oscar.oft;

/** The OFT2 header types (oscar.md §8.2) used by a Send File transfer. */
public final class OftFrameType {

    /** Sender: "here is the next file". */
    public static final int PROMPT = 0x0101;
    /** Receiver: "send it" (a copy of the PROMPT with the real cookie). */
    public static final int ACK = 0x0202;
    /** Receiver: "file received" (or "skip it"). */
    public static final int DONE = 0x0204;
    /** Receiver: "I already have nRecvd bytes with checksum recvCsum". */
    public static final int RESUME = 0x0205;
    /** Sender: "I will continue from nRecvd" (0 = restart). */
    public static final int RESUME_ACCEPT = 0x0106;
    /** Receiver: "go" after a RESUME ACCEPT; the sender treats it like ACK. */
    public static final int RESUME_ACK = 0x0207;

    private OftFrameType() {}

    /** A readable name for logs and error messages. */
    public static String describe(int type) {
        return switch (type) {
            case PROMPT -> "PROMPT";
            case ACK -> "ACK";
            case DONE -> "DONE";
            case RESUME -> "RESUME";
            case RESUME_ACCEPT -> "RESUME_ACCEPT";
            case RESUME_ACK -> "RESUME_ACK";
            default -> String.format("0x%04X", type);
        };
    }
}
