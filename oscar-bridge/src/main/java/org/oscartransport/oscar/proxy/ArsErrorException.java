package org.oscartransport.oscar.proxy;

import java.io.IOException;

/** The rendezvous proxy answered with an ERROR frame (oscar.md §7.1). */
public final class ArsErrorException extends IOException {

    private final int code;

    public ArsErrorException(int code) {
        super(String.format("Rendezvous proxy error 0x%04X (%s)", code, describe(code)));
        this.code = code;
    }

    public int code() {
        return code;
    }

    static String describe(int code) {
        return switch (code) {
            case ArsFrame.ERROR_BAD_REQUEST -> "bad request";
            case ArsFrame.ERROR_MALFORMED -> "malformed packet";
            case ArsFrame.ERROR_INITIAL_TIMEOUT -> "initial request timed out";
            case ArsFrame.ERROR_ACCEPT_TIMEOUT -> "the peer never joined";
            case ArsFrame.ERROR_INVALID_DATA -> "invalid data";
            default -> "unknown";
        };
    }
}
