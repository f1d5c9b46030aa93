package org.oscartransport.http.endpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool directory and its quotas. Every spooled transfer reserves its whole size when it is opened (sizes are
 * known in advance), so a download never runs out of quota half-way. When a new reservation does not fit, finished
 * spools make room: the owner's oldest first for the per-owner quota, then the oldest overall for the total.
 * Spools still waiting or growing are never evicted. Thread-safe.
 */
final class SpoolStore {

    private static final Logger log = LoggerFactory.getLogger(SpoolStore.class);
    private static final String SUFFIX = ".spool";

    /** What an evicted spool's endpoint is told: its file is no longer counted and must go. */
    interface Eviction {
        void evicted();
    }

    /** One transfer's claim on the spool. */
    static final class Reservation {
        private final String owner;
        private final long bytes;
        private final Eviction eviction;
        private boolean finished;

        private Reservation(String owner, long bytes, Eviction eviction) {
            this.owner = owner;
            this.bytes = bytes;
            this.eviction = eviction;
        }
    }

    private final Path dir;
    private final long perOwnerQuota;
    private final long totalQuota;
    /** In the order they were opened: eviction takes the oldest first. */
    private final Set<Reservation> reservations = new LinkedHashSet<>();
    private final Map<String, Long> usedByOwner = new HashMap<>();
    private long used;

    private SpoolStore(Path dir, long perOwnerQuota, long totalQuota) {
        this.dir = dir;
        this.perOwnerQuota = perOwnerQuota;
        this.totalQuota = totalQuota;
    }

    /**
     * Creates the directory if needed and deletes the {@code *.spool} files a previous run left: offers do not
     * survive a restart, so nothing can serve them. Other files are left alone, in case the admin pointed us at
     * a shared directory.
     */
    static SpoolStore open(Path dir, long perOwnerQuota, long totalQuota) {
        try {
            createPrivately(dir);
            int deleted = 0;
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path leftover : leftovers) {
                    if (Files.deleteIfExists(leftover)) deleted++;
                }
            }
            if (deleted > 0) log.info("deleted {} spool files left by a previous run", deleted);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare spool directory " + dir, e);
        }
        return new SpoolStore(dir, perOwnerQuota, totalQuota);
    }

    /** Users' files are nobody else's business: a directory we create is ours alone (files are 0600 anyway). */
    private static void createPrivately(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** A new, empty spool file readable only by us. */
    Path newFile() throws IOException {
        return Files.createTempFile(dir, "transfer-", SUFFIX);
    }

    /**
     * Reserves {@code bytes} for {@code owner} (null: only the total quota applies), evicting finished spools if
     * that is what it takes. Either the reservation succeeds, or nothing is evicted.
     */
    Reservation reserve(String owner, long bytes, Eviction eviction) throws QuotaExceededException {
        Objects.requireNonNull(eviction, "eviction");
        List<Reservation> victims;
        Reservation reservation = new Reservation(owner, bytes, eviction);
        synchronized (this) {
            victims = victimsFor(owner, bytes);
            victims.forEach(this::forget);
            reservations.add(reservation);
            used += bytes;
            if (owner != null) usedByOwner.merge(owner, bytes, Long::sum);
        }
        for (Reservation victim : victims) {
            log.info("evicting a finished spool of {} bytes to make room", victim.bytes);
            victim.eviction.evicted();
        }
        return reservation;
    }

    /** The spool is complete: from now on it may be evicted to make room. */
    synchronized void finished(Reservation reservation) {
        reservation.finished = true;
    }

    /** The spool is gone (deleted, failed, expired, closed). Idempotent. */
    synchronized void release(Reservation reservation) {
        if (reservations.contains(reservation)) forget(reservation);
    }

    synchronized long usedBytes() {
        return used;
    }

    private List<Reservation> victimsFor(String owner, long bytes) throws QuotaExceededException {
        boolean ownerLimited = owner != null && perOwnerQuota > 0;
        if (ownerLimited && bytes > perOwnerQuota) {
            throw new QuotaExceededException("file of " + bytes + " bytes exceeds the per-user spool quota of "
                    + perOwnerQuota);
        }
        if (totalQuota > 0 && bytes > totalQuota) {
            throw new QuotaExceededException("file of " + bytes + " bytes exceeds the total spool quota of "
                    + totalQuota);
        }
        List<Reservation> victims = new ArrayList<>();
        long ownerUsed = owner == null ? 0 : usedByOwner.getOrDefault(owner, 0L);
        long totalUsed = used;
        if (ownerLimited) {
            for (Reservation r : reservations) {
                if (ownerUsed + bytes <= perOwnerQuota) break;
                if (r.finished && owner.equals(r.owner)) {
                    victims.add(r);
                    ownerUsed -= r.bytes;
                    totalUsed -= r.bytes;
                }
            }
            if (ownerUsed + bytes > perOwnerQuota) {
                throw new QuotaExceededException("per-user spool quota of " + perOwnerQuota
                        + " bytes is taken by transfers still in progress");
            }
        }
        if (totalQuota > 0) {
            for (Reservation r : reservations) {
                if (totalUsed + bytes <= totalQuota) break;
                if (r.finished && !victims.contains(r)) {
                    victims.add(r);
                    totalUsed -= r.bytes;
                }
            }
            if (totalUsed + bytes > totalQuota) {
                throw new QuotaExceededException("total spool quota of " + totalQuota
                        + " bytes is taken by transfers still in progress");
            }
        }
        return victims;
    }

    private void forget(Reservation r) {
        reservations.remove(r);
        used -= r.bytes;
        if (r.owner != null) usedByOwner.computeIfPresent(r.owner, (k, v) -> v == r.bytes ? null : v - r.bytes);
    }
}
