package org.oscartransport.oscar.icbm;

/** The server answered an ICBM with an error SNAC (0004/0001), e.g. code 0x0004: recipient not logged on. */
public final class IcbmErrorException extends Exception {

    private final int code;

    public IcbmErrorException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean recipientOffline() {
        return code == 0x0004;
    }
}
