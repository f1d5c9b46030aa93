package org.oscartransport.oscar.emulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;

/**
 * Test knobs that make the emulator behave like a less helpful network, so that every connection stage of a
 * file transfer (oscar.md §6.8) can be forced over real sockets, and like a stricter server (rate limits, a small
 * ICBM size). Proposal knobs apply to the next relayed ICBM; rate classes and the ICBM size to the next client
 * that asks for them during sign-on.
 */
public final class EmulatorOptions {

    /**
     * What the emulator has always announced: class 1 in the extended form libpurple expects (oscar.md §10
     * pitfall 10, §12.2) with Open OSCAR Server's levels, and no SNACs assigned to it, so nothing is limited.
     */
    public static final RateClasses DEFAULT_RATE_CLASSES = new RateClasses(
            List.of(new RateClass(1, 80, 2500, 2000, 1500, 800, 6000, 6000, 0, false)), Map.of());

    /** The ICBM message data limit announced in 0004/0005, as ICQ clients set it (oscar.md §4.2). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 8000;

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
    private volatile RateClasses rateClasses = DEFAULT_RATE_CLASSES;
    private volatile int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
    private volatile boolean presenceToListersOnly;

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

    public RateClasses rateClasses() {
        return rateClasses;
    }

    /** The rate classes announced in 0001/0007 and enforced on SNACs of their members. */
    public EmulatorOptions rateClasses(RateClasses classes) {
        this.rateClasses = Objects.requireNonNull(classes, "classes");
        return this;
    }

    public boolean presenceToListersOnly() {
        return presenceToListersOnly;
    }

    /**
     * Tell users only about buddies on their stored list, as real servers did; by default a user with an empty
     * list is told about everyone (see {@link Presence}).
     */
    public EmulatorOptions presenceToListersOnly(boolean only) {
        this.presenceToListersOnly = only;
        return this;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    /** The longest channel-1 message data (TLV 0x0002) announced in 0004/0005 and relayed; longer is refused. */
    public EmulatorOptions maxMessageLength(int bytes) {
        if (bytes < 1 || bytes > 0xFFFF) {
            throw new IllegalArgumentException("ICBM length must fit a u16: " + bytes);
        }
        this.maxMessageLength = bytes;
        return this;
    }
}
