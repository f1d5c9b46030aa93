package org.oscartransport.gateway.transfer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The transfers under way (offered or moving bytes), for the ad-hoc commands that list and cancel them.
 * The transfer classes add an entry when a file is offered, count relayed bytes into it and remove it when the
 * transfer ends. Thread-safe.
 */
public final class ActiveTransfers {

    public enum Direction { IN, OUT }

    /** One transfer as users and admins see it. */
    public static final class Entry {
        private final String id;
        private final Direction direction;
        private final String bareJid;
        private final String uin;
        private final String fileName;
        private final long size;
        private final LongAdder bytes = new LongAdder();
        private volatile long startedNanos;
        private volatile BooleanSupplier canceller;

        private Entry(String id, Direction direction, String bareJid, String uin, String fileName, long size) {
            this.id = id;
            this.direction = direction;
            this.bareJid = bareJid;
            this.uin = uin;
            this.fileName = fileName;
            this.size = size;
        }

        public String id() { return id; }

        public Direction direction() { return direction; }

        /** The Jabber user's bare JID. */
        public String bareJid() { return bareJid; }

        /** The ICQ contact. */
        public String uin() { return uin; }

        public String fileName() { return fileName; }

        public long size() { return size; }

        public long bytes() { return bytes.sum(); }

        /** Whether bytes flow already (else the offer waits for the other side). */
        public boolean started() { return startedNanos != 0; }

        /** Average bytes per second since the bytes started to flow; 0 while pending. */
        public long bytesPerSecond() {
            long since = startedNanos;
            if (since == 0) {
                return 0;
            }
            long millis = Math.max(1, Duration.ofNanos(System.nanoTime() - since).toMillis());
            return bytes() * 1000 / millis;
        }

        /** Ends the transfer on both sides; false if it cannot be cancelled from here. */
        public boolean cancel() {
            BooleanSupplier current = canceller;
            return current != null && current.getAsBoolean();
        }

        void markStarted() {
            if (startedNanos == 0) {
                startedNanos = System.nanoTime();
            }
        }

        void addBytes(long count) {
            bytes.add(count);
        }

        void onCancel(BooleanSupplier canceller) {
            this.canceller = canceller;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    Entry add(Direction direction, String bareJid, String uin, String fileName, long size) {
        Entry entry = new Entry(Long.toString(ids.incrementAndGet()), direction, bareJid, uin, fileName, size);
        entries.put(entry.id(), entry);
        return entry;
    }

    void ended(Entry entry, boolean completedOk) {
        if (entries.remove(entry.id(), entry) && completedOk) {
            completed.incrementAndGet();
        }
    }

    /** Every transfer under way, oldest first. */
    public List<Entry> all() {
        return entries.values().stream().sorted(Comparator.comparingLong(e -> Long.parseLong(e.id()))).toList();
    }

    public List<Entry> of(String bareJid) {
        return all().stream().filter(e -> e.bareJid().equals(bareJid)).toList();
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(id == null ? null : entries.get(id));
    }

    /** From now on no new transfer starts (the transport is shutting down). */
    public void stopAccepting() {
        accepting = false;
    }

    boolean isAccepting() {
        return accepting;
    }

    /** Transfers that completed since the transport started. */
    public long completedSinceStart() {
        return completed.get();
    }
}
