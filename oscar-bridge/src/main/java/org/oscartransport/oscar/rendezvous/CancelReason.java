package org.oscartransport.oscar.rendezvous;

/**
 * Why a rendezvous CANCEL was sent: TLV 0x000B of the block (oscar.md §6.2). A person's choice (declined or
 * cancelled) is told apart from a client giving up on its own, so the other side can report a decline as a decline
 * and a broken transfer as a failure.
 */
public enum CancelReason {
    UNKNOWN(0),
    USER(1),
    TIMEOUT(2),
    ACCEPTED_ELSEWHERE(3);

    private final int code;

    CancelReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The reason a received CANCEL carries. Miranda sends none and libpurple sends 1 only when its user acts, so a
     * missing TLV counts as the user's choice; codes outside the table count as unknown.
     */
    public static CancelReason fromCode(int code) {
        if (code < 0) {
            return USER;
        }
        for (CancelReason reason : values()) {
            if (reason.code == code) return reason;
        }
        return UNKNOWN;
    }

    /** True for a person's decision rather than a client giving up. */
    public boolean isUserChoice() {
        return this == USER || this == ACCEPTED_ELSEWHERE;
    }
}
