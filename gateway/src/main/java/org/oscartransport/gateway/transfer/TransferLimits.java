package org.oscartransport.gateway.transfer;

import java.util.Optional;

/**
 * The admin's limits on transfers: the largest file, and how many transfers (offered or running, either
 * direction) one user and everybody together may have at once.
 */
public record TransferLimits(long maxSize, int maxActivePerUser, int maxActiveTotal) {

    /** OFT2 carries 32-bit sizes; 0x2713's 64-bit size is for peers we cannot rely on (oscar.md §8.8). */
    public static final long OFT_MAX_SIZE = 0xFFFF_FFFFL;

    public static final TransferLimits NONE = new TransferLimits(OFT_MAX_SIZE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** Why a new transfer of {@code size} bytes for {@code bareJid} may not start, if it may not. */
    Optional<String> refusal(ActiveTransfers registry, String bareJid, long size) {
        if (!registry.isAccepting()) {
            return Optional.of("the transport is shutting down");
        }
        if (size > OFT_MAX_SIZE) {
            return Optional.of("ICQ cannot carry files of 4 GiB or more");
        }
        if (size > maxSize) {
            return Optional.of("the transport accepts files up to " + OfferStanzas.humanSize(maxSize));
        }
        if (registry.of(bareJid).size() >= maxActivePerUser) {
            return Optional.of("too many transfers at once (at most " + maxActivePerUser + " per user)");
        }
        if (registry.all().size() >= maxActiveTotal) {
            return Optional.of("the transport is busy with other transfers; try again later");
        }
        return Optional.empty();
    }
}
