package org.oscartransport.oscar.emulator;

/**
 * Test knobs that make the emulator behave like a less helpful network, so that every connection stage of a
 * file transfer (oscar.md §6.8) can be forced over real sockets. Changes apply to the next relayed ICBM.
 */
public final class EmulatorOptions {

    /** When the server adds the verified IP (TLV 0x0004) to a proposal that carries 0x0003. */
    public enum VerifiedIp {
        /** Always, as AOL did (§6.7). */
        ALWAYS,
        /** Not on first proposals (sequence 1): receivers skip the direct connect and go to reverse. */
        NOT_ON_FIRST_PROPOSAL,
        /** Never: without it a sender skips connecting to a reverse proposal and goes to the proxy. */
        NEVER
    }

    private volatile VerifiedIp verifiedIp = VerifiedIp.ALWAYS;
    private volatile boolean dropReverseProposals;

    public VerifiedIp verifiedIp() {
        return verifiedIp;
    }

    public EmulatorOptions verifiedIp(VerifiedIp mode) {
        this.verifiedIp = mode;
        return this;
    }

    public boolean dropReverseProposals() {
        return dropReverseProposals;
    }

    /** Do not deliver later direct proposals (sequence ≥ 2 without the proxy flag): the reverse stage fails. */
    public EmulatorOptions dropReverseProposals(boolean drop) {
        this.dropReverseProposals = drop;
        return this;
    }
}
