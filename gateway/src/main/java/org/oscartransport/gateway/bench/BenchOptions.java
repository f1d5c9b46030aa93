package org.oscartransport.gateway.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one {@code bench} run measures and how big. {@code --quick} shrinks everything to a few minutes' worth;
 * the remaining flags exist so that a test can run the whole harness in seconds.
 *
 * @param fileSize      bytes of the single-file throughput runs
 * @param runs          timed runs per path (direct, socat, transport)
 * @param concurrency   how many transfers are in flight at once, one figure per entry
 * @param transferSize  bytes of each concurrent transfer
 * @param sessions      idle-session counts (client side, emulator in a child JVM)
 * @param inProcessSessions idle-session count also measured with the emulator in this JVM (0: skip)
 * @param offers        offers timed in the latency section (after {@link #warmupOffers})
 * @param warmupOffers  offers sent first and not counted
 * @param only          the one section to run ({@code relay}, {@code outbound}, {@code transfers}, {@code sessions},
 *                      {@code latency}), or null for all; for profiling one path
 * @param spool         the inbound relay section with spooling endpoints (in tmpfs) instead of stream-only ones
 */
record BenchOptions(long fileSize, int runs, List<Integer> concurrency, long transferSize, List<Integer> sessions,
        int inProcessSessions, int offers, int warmupOffers, String only, boolean spool) {

    static final List<String> SECTIONS = List.of("relay", "outbound", "transfers", "sessions", "latency");

    boolean includes(String section) {
        return only == null || only.equals(section);
    }

    static final String USAGE = "usage: bench [--quick] [--size=1g] [--runs=5] [--transfers=50,200]"
            + " [--transfer-size=20m] [--sessions=1000,10000] [--offers=200] [--only=relay|outbound|transfers|sessions|latency] [--spool]";

    private static final long MIB = 1024 * 1024;

    static BenchOptions defaults() {
        return new BenchOptions(1024 * MIB, 5, List.of(50, 200), 20 * MIB, List.of(1_000, 10_000), 1_000, 200, 20, null, false);
    }

    static BenchOptions quick() {
        return new BenchOptions(256 * MIB, 3, List.of(50, 200), 8 * MIB, List.of(1_000), 1_000, 100, 10, null, false);
    }

    /** @throws IllegalArgumentException naming the bad argument */
    static BenchOptions parse(String... args) {
        BenchOptions base = List.of(args).contains("--quick") ? quick() : defaults();
        long fileSize = base.fileSize;
        int runs = base.runs;
        List<Integer> concurrency = base.concurrency;
        long transferSize = base.transferSize;
        List<Integer> sessions = base.sessions;
        int offers = base.offers;
        int warmupOffers = base.warmupOffers;
        String only = null;
        boolean spool = false;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String value = kv.length == 2 ? kv[1] : "";
            switch (kv[0]) {
                case "--quick" -> { }
                case "--spool" -> spool = true;
                case "--size" -> fileSize = bytes(value);
                case "--runs" -> runs = positive(value, arg);
                case "--transfers" -> concurrency = counts(value, arg);
                case "--transfer-size" -> transferSize = bytes(value);
                case "--sessions" -> sessions = counts(value, arg);
                case "--offers" -> {
                    offers = positive(value, arg);
                    warmupOffers = Math.min(base.warmupOffers, Math.max(1, offers / 10));
                }
                case "--only" -> {
                    if (!SECTIONS.contains(value)) {
                        throw new IllegalArgumentException("--only takes one of " + SECTIONS);
                    }
                    only = value;
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        // the in-process count follows the smallest client-side count, so the two rows can be compared
        int inProcess = Math.min(sessions.stream().min(Integer::compare).orElseThrow(), base.inProcessSessions);
        return new BenchOptions(fileSize, runs, concurrency, transferSize, sessions, inProcess, offers, warmupOffers,
                only, spool);
    }

    /** {@code 4m}, {@code 1g}, {@code 512k} or plain bytes. */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1024;
                case 'm' -> MIB;
                default -> 1024 * MIB;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t) * unit;
            if (n <= 0 || n > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("size must be between 1 byte and 4 GiB - 1 (OFT2's limit): " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (like 1g, 64m, 4096): '" + text + "'", e);
        }
    }

    private static List<Integer> counts(String value, String arg) {
        return List.of(value.split(",")).stream().map(v -> positive(v, arg)).toList();
    }

    private static int positive(String value, String arg) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + arg + "' needs a positive whole number");
    }
}
