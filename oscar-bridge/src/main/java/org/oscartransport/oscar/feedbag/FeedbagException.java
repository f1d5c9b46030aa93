package org.oscartransport.oscar.feedbag;

/** The server refused a contact-list edit (a non-zero 0013/000E result) or never answered it. */
public final class FeedbagException extends RuntimeException {

    private final int code;

    public FeedbagException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The 0013/000E result code, or -1 if there was none (timeout, connection lost). */
    public int code() {
        return code;
    }
}
