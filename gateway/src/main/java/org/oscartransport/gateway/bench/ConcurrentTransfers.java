package org.oscartransport.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.session.OscarSession;

/**
 * N transfers in flight at once. Every reader takes the response head and the first 256 KiB, then stops reading
 * until all N have got that far: every relay is then mid-stream and held back by back-pressure, its buffers as
 * full as they get. Memory is read in that state; then all readers resume and the aggregate throughput of the
 * rest is timed. socat gets the same readers, the same pause and the same timing, side by side.
 */
final class ConcurrentTransfers {

    private static final long PAUSE_AFTER = 256 * 1024;
    private static final int MIN_USERS = 4;
    /** A user's ICQ session keeps at most 32 inbound offers open and ignores more; stay below that. */
    private static final int OFFERS_PER_USER = 25;
    private static final int CONTACTS = 8;
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final BenchOptions options;
    private final BenchFiles files;

    ConcurrentTransfers(BenchOptions options, BenchFiles files) {
        this.options = options;
        this.files = files;
    }

    void run(Report report) throws Exception {
        Path file = files.create("concurrent-" + options.transferSize() + ".bin", options.transferSize());
        report.section("Memory per active transfer, " + Report.mib(options.transferSize()) + " files, readers paused"
                + " mid-stream");
        report.line("%-6s %14s %14s %14s %12s %12s %12s %10s %10s %11s %11s", "N", "heap/transfer",
                "direct/transf.", "RSS/transfer", "heap before", "heap during", "RSS during", "transport",
                "socat", "tr. CPU", "socat CPU");
        int userCount = Math.max(MIN_USERS, (maxConcurrency() + OFFERS_PER_USER - 1) / OFFERS_PER_USER);
        try (IcqSide icq = new IcqSide(); GatewayUnderTest gateway = new GatewayUnderTest(icq.server())) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < userCount; i++) {
                users.add(Integer.toString(110001 + i));
            }
            gateway.signOn(users, userCount, Duration.ofSeconds(60));
            List<OscarSession> contacts = icq.contacts(210001, CONTACTS);
            for (int n : options.concurrency()) {
                row(report, n, file, users, contacts, gateway);
            }
        }
        report.line("N transfers over %d users and %d contacts; aggregate MiB/s = bytes read after the pause / time"
                + " from resume to the last byte of the last transfer.", userCount, CONTACTS);
        report.line("heap: JVM-internal, used heap after System.gc() (during minus before, / N); direct: Netty's");
        report.line("  allocator metric, JVM-internal, off-heap; RSS: whole process (VmRSS), includes the ICQ side");
        report.line("  (emulator, senders) and the readers, which share this JVM. CPU: s/GiB, JVM whole-process for");
        report.line("  the transport (sender, relay, reader) and socat's own process tree for socat. RSS 'fell': the");
        report.line("  JVM returned more to the OS than the transfers took; RSS per item is only meaningful at large N.");
    }

    private int maxConcurrency() {
        return options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private void row(Report report, int n, Path file, List<String> users, List<OscarSession> contacts,
            GatewayUnderTest gateway) throws Exception {
        MemorySnapshot before = MemorySnapshot.take();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        List<Download> downloads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sends.add(contacts.get(i % contacts.size()).sendFile(users.get(i % users.size()), file));
        }
        for (int i = 0; i < n; i++) {
            downloads.add(Download.get(gateway.xmpp().next(Duration.ofMinutes(2)).url()));
        }
        MemorySnapshot[] during = new MemorySnapshot[1];
        long[] snapshotCpu = new long[1];
        long cpu = ProcessMeters.jvmCpuNanos();
        ReaderPool.Result transport = ReaderPool.drain(downloads, PAUSE_AFTER, () -> {
            settle();
            long snapshotStart = ProcessMeters.jvmCpuNanos();
            during[0] = MemorySnapshot.take();
            snapshotCpu[0] = ProcessMeters.jvmCpuNanos() - snapshotStart; // the forced GCs are not the relay's
        }, TIMEOUT_NANOS);
        long transportCpu = ProcessMeters.jvmCpuNanos() - cpu - snapshotCpu[0];
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        SocatPass socat = socat(n, file);
        MemorySnapshot delta = during[0] == null ? new MemorySnapshot(-1, -1, -1) : during[0].minus(before);
        report.line("%-6d %14s %14s %14s %12s %12s %12s %10.0f %10.0f %11.2f %11.2f", n, Report.kib((double) delta.heap() / n),
                Report.kib((double) delta.direct() / n), Report.rssKib((double) delta.rss() / n), Report.mib(before.heap()),
                Report.mib(during[0] == null ? -1 : during[0].heap()), Report.mib(during[0] == null ? -1 : during[0].rss()),
                mibps(transport), mibps(socat.result), transportCpu / 1e9 / (transport.totalBytes() / Report.GIB),
                socat.cpuNanos / 1e9 / (socat.result.totalBytes() / Report.GIB));
    }

    private record SocatPass(ReaderPool.Result result, long cpuNanos) {}

    private static SocatPass socat(int n, Path file) throws Exception {
        long size = java.nio.file.Files.size(file);
        try (RawFileServer sender = new RawFileServer(file); SocatRelay socat = SocatRelay.start(sender.port())) {
            long cpu = socat.cpuNanos();
            List<Download> downloads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                downloads.add(Download.raw(socat.port(), size));
            }
            ReaderPool.Result result = ReaderPool.drain(downloads, PAUSE_AFTER, ConcurrentTransfers::settle,
                    TIMEOUT_NANOS);
            sender.close();
            socat.awaitChildrenReaped(10_000);
            return new SocatPass(result, socat.cpuNanos() - cpu);
        }
    }

    /** Lets in-flight bytes land in the buffers they fill while the readers are stopped. */
    private static void settle() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double mibps(ReaderPool.Result r) {
        return r.bytesAfterResume() / Report.MIB / r.secondsAfterResume();
    }
}
