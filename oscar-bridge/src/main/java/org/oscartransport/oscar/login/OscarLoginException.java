package org.oscartransport.oscar.login;

/** Login failed; {@link #reason()} says why in terms a user can act on. */
public final class OscarLoginException extends Exception {

    public enum Reason {
        WRONG_PASSWORD,
        UNKNOWN_UIN,
        RATE_LIMITED,
        UNREACHABLE,
        TIMEOUT,
        OTHER
    }

    private final Reason reason;

    public OscarLoginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public OscarLoginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Maps a login reply error code (TLV 0x0008, oscar.md §3.1) to a reason. */
    public static Reason reasonForCode(int code) {
        return switch (code) {
            case 0x0005 -> Reason.WRONG_PASSWORD;
            case 0x0001, 0x0004, 0x0007, 0x0008 -> Reason.UNKNOWN_UIN;
            case 0x0018, 0x001D -> Reason.RATE_LIMITED;
            default -> Reason.OTHER;
        };
    }
}
