package org.oscartransport.gateway.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * K Jabber users online, each with a signed-on ICQ session (the gateway's {@code UserSession} and its OSCAR
 * {@code BosSession}), idle. Client side with the emulator in a child JVM; once also with the emulator in this
 * JVM, where the difference is the emulator's share per session.
 */
final class IdleSessions {

    private static final int LOGIN_WINDOW = 200;
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);

    private final BenchOptions options;

    IdleSessions(BenchOptions options) {
        this.options = options;
    }

    private record Row(String where, int k, MemorySnapshot before, MemorySnapshot after, double seconds) {
        double heapPerSession() {
            return (double) (after.heap() - before.heap()) / k;
        }
    }

    void run(Report report) throws Exception {
        List<Row> rows = new ArrayList<>();
        int first = 300001;
        for (int k : options.sessions()) {
            try (ChildEmulator emulator = ChildEmulator.start()) {
                rows.add(measure("child JVM", k, first, emulator::address));
            }
            first += k;
        }
        if (options.inProcessSessions() > 0) {
            try (IcqSide icq = new IcqSide().listedPresenceOnly()) {
                rows.add(measure("this JVM", options.inProcessSessions(), first, icq::server));
            }
        }
        report.section("Idle logged-in OSCAR sessions");
        report.line("%-10s %-9s %14s %14s %14s %14s %10s", "sessions", "emulator", "heap/session", "heap total",
                "RSS/session", "RSS total", "login s");
        for (Row r : rows) {
            report.line("%-10d %-9s %14s %14s %14s %14s %10.1f", r.k, r.where, Report.kib(r.heapPerSession()),
                    Report.mib(r.after.heap()), Report.rssKib((double) (r.after.rss() - r.before.rss()) / r.k),
                    Report.mib(r.after.rss()), r.seconds);
        }
        Row inProcess = rows.stream().filter(r -> r.where.equals("this JVM")).findFirst().orElse(null);
        Row client = inProcess == null ? null
                : rows.stream().filter(r -> r.where.equals("child JVM") && r.k == inProcess.k).findFirst().orElse(null);
        if (client != null) {
            report.line("emulator's share per session (this-JVM row minus child-JVM row at %d): %s; client side per"
                    + " session: %s", inProcess.k, Report.kib(inProcess.heapPerSession() - client.heapPerSession()),
                    Report.kib(client.heapPerSession()));
        }
        report.line("heap: JVM-internal, used heap after System.gc(), (after login - before) / K; 'heap total' is the");
        report.line("  whole heap in use with K sessions (target: 10,000 within 512 MiB). RSS: whole process (VmRSS).");
        report.line("  With the emulator in a child JVM this process holds only the client side; in this JVM it also");
        report.line("  holds the emulator's half of every connection. Logins %d at a time.", LOGIN_WINDOW);
        if (options.sessions().stream().allMatch(k -> k < 10_000)) {
            report.line("  10,000 sessions not measured in this run (--quick or --sessions).");
        }
    }

    private static Row measure(String where, int k, int firstUin, Supplier<InetSocketAddress> server) throws Exception {
        try (GatewayUnderTest gateway = new GatewayUnderTest(server.get())) {
            MemorySnapshot before = MemorySnapshot.take();
            List<String> uins = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                uins.add(Integer.toString(firstUin + i));
            }
            long start = System.nanoTime();
            gateway.signOn(uins, LOGIN_WINDOW, LOGIN_TIMEOUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(500); // sign-on tails (SSI, rights replies) land
            return new Row(where, k, before, MemorySnapshot.take(), seconds);
        }
    }
}
