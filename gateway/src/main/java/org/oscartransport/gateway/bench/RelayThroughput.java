package org.oscartransport.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.session.OscarSession;

/**
 * One file, three paths, runs interleaved so that each run of the transport sits between runs of its references:
 * <ul>
 *   <li>direct: plain sendfile sender → reader, no relay (the loopback limit);</li>
 *   <li>socat: the same sender → {@code socat} → the same reader;</li>
 *   <li>netty: the same sender → {@link PlainNettyRelay} → the same reader;</li>
 *   <li>transport: a contact's {@code OscarSession.sendFile} (OFT2 through the emulator's rendezvous) → the
 *       gateway's inbound path → an HTTP GET of the offered URL by the same reader.</li>
 * </ul>
 * Each run is timed from the reader's connect (for the transport: the GET) to its last byte.
 */
final class RelayThroughput {

    private static final String USER = "100001";
    private static final String CONTACT = "200001";
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** One timed run. socatCpuNanos is 0 for the other paths. */
    record Run(double seconds, long bytes, long jvmCpuNanos, long socatCpuNanos) {
        double mibPerSecond() {
            return bytes / Report.MIB / seconds;
        }

        double jvmCpuPerGib() {
            return jvmCpuNanos / 1e9 / (bytes / Report.GIB);
        }

        double socatCpuPerGib() {
            return socatCpuNanos / 1e9 / (bytes / Report.GIB);
        }
    }

    private final BenchOptions options;
    private final BenchFiles files;

    RelayThroughput(BenchOptions options, BenchFiles files) {
        this.options = options;
        this.files = files;
    }

    void run(Report report) throws Exception {
        Path file = files.create("relay-" + options.fileSize() + ".bin", options.fileSize());
        Path warmup = files.create("warmup.bin", Math.min(options.fileSize(), 64L << 20));
        List<Run> direct = new ArrayList<>();
        List<Run> socat = new ArrayList<>();
        List<Run> netty = new ArrayList<>();
        List<Run> transport = new ArrayList<>();
        String nettyTransport;
        String gatewayIo;
        java.nio.file.Path spoolDir = options.spool() ? files.dir().resolve("spool") : null;
        try (IcqSide icq = new IcqSide(); GatewayUnderTest gateway = new GatewayUnderTest(icq.server(), spoolDir)) {
            gatewayIo = gateway.ioName();
            gateway.signOn(List.of(USER), 1, Duration.ofSeconds(60));
            OscarSession contact = icq.contacts(Integer.parseInt(CONTACT), 1).get(0);
            try (PlainNettyRelay relay = new PlainNettyRelay(0)) {
                nettyTransport = relay.transportName();
            }
            for (int i = 0; i < 3; i++) { // JIT warm-up of every path, not counted
                direct(warmup);
                socat(warmup);
                netty(warmup);
                transport(warmup, contact, gateway);
            }
            for (int i = 0; i < options.runs(); i++) {
                direct.add(direct(file));
                socat.add(socat(file));
                netty.add(netty(file));
                transport.add(transport(file, contact, gateway));
            }
        }
        print(report, direct, socat, netty, nettyTransport, gatewayIo, transport);
    }

    private static Run direct(Path file) throws Exception {
        try (RawFileServer sender = new RawFileServer(file)) {
            long cpu = ProcessMeters.jvmCpuNanos();
            ReaderPool.Result r = ReaderPool.drain(List.of(Download.raw(sender.port(), size(file))), TIMEOUT_NANOS);
            return new Run((r.endNanos() - r.startNanos()) / 1e9, r.totalBytes(), ProcessMeters.jvmCpuNanos() - cpu, 0);
        }
    }

    private static Run socat(Path file) throws Exception {
        try (RawFileServer sender = new RawFileServer(file); SocatRelay socat = SocatRelay.start(sender.port())) {
            long socatCpu = socat.cpuNanos();
            long cpu = ProcessMeters.jvmCpuNanos();
            ReaderPool.Result r = ReaderPool.drain(List.of(Download.raw(socat.port(), size(file))), TIMEOUT_NANOS);
            long jvmCpu = ProcessMeters.jvmCpuNanos() - cpu;
            sender.close(); // lets socat's child see EOF on both sides and exit
            socat.awaitChildrenReaped(5_000);
            return new Run((r.endNanos() - r.startNanos()) / 1e9, r.totalBytes(), jvmCpu, socat.cpuNanos() - socatCpu);
        }
    }

    private static Run netty(Path file) throws Exception {
        try (RawFileServer sender = new RawFileServer(file); PlainNettyRelay relay = new PlainNettyRelay(sender.port())) {
            long cpu = ProcessMeters.jvmCpuNanos();
            ReaderPool.Result r = ReaderPool.drain(List.of(Download.raw(relay.port(), size(file))), TIMEOUT_NANOS);
            return new Run((r.endNanos() - r.startNanos()) / 1e9, r.totalBytes(), ProcessMeters.jvmCpuNanos() - cpu, 0);
        }
    }

    private static Run transport(Path file, OscarSession contact, GatewayUnderTest gateway) throws Exception {
        CompletableFuture<Void> sent = contact.sendFile(USER, file);
        CapturedOffers.Offer offer = gateway.xmpp().next(Duration.ofMinutes(2));
        long cpu = ProcessMeters.jvmCpuNanos();
        ReaderPool.Result r = ReaderPool.drain(List.of(Download.get(offer.url())), TIMEOUT_NANOS);
        long jvmCpu = ProcessMeters.jvmCpuNanos() - cpu;
        sent.get(60, TimeUnit.SECONDS); // the contact saw OFT DONE
        gateway.closeEndpoints(); // untimed; a spooling endpoint would keep its spool (in tmpfs) until expiry
        return new Run((r.endNanos() - r.startNanos()) / 1e9, r.totalBytes(), jvmCpu, 0);
    }

    private static long size(Path file) throws java.io.IOException {
        return java.nio.file.Files.size(file);
    }

    private void print(Report report, List<Run> direct, List<Run> socat, List<Run> netty, String nettyTransport,
            String gatewayIo, List<Run> transport) {
        report.section("Relay throughput, OFT -> HTTP (inbound), one file of " + Report.mib(options.fileSize())
                + ", " + options.runs() + " runs each, interleaved" + (options.spool()
                        ? "; endpoints spooling (tmpfs)" : ""));
        report.line("%-10s %10s %10s %10s %16s %16s", "path", "median", "min", "max", "JVM CPU s/GiB",
                "socat CPU s/GiB");
        Stats d = row(report, "direct", direct);
        Stats s = row(report, "socat", socat);
        Stats n = row(report, "netty", netty);
        Stats t = row(report, "transport", transport);
        report.line("ratios of medians: transport/socat %.2f, transport/netty %.2f, transport/direct %.2f,"
                + " netty/socat %.2f", t.median() / s.median(), t.median() / n.median(), t.median() / d.median(),
                n.median() / s.median());
        double directCpu = median(direct, Run::jvmCpuPerGib);
        report.line("relay CPU s/GiB: transport %.2f, netty %.2f (estimates: JVM CPU minus direct's, whose sender and"
                + " reader they share), socat %.2f (socat's own process tree)",
                median(transport, Run::jvmCpuPerGib) - directCpu, median(netty, Run::jvmCpuPerGib) - directCpu,
                median(socat, Run::socatCpuPerGib));
        report.line("MiB/s: wall clock from the reader's connect (transport: its GET, which starts the ICQ accept,");
        report.line("  the OFT connection and the PROMPT/ACK) to the last body byte; reader = one NIO selector thread");
        report.line("  discarding into a 256 KiB direct buffer; sender = sendfile(2) from tmpfs in every path.");
        report.line("netty: a minimal Netty relay in this JVM (write per read, flush per read batch, autoRead on");
        report.line("  writability), on %s; the transport runs on %s, as Transport.start wires it.", nettyTransport,
                gatewayIo);
        report.line("JVM CPU: whole-process CPU time of this JVM (getProcessCpuTime) over the same window. It holds the");
        report.line("  sender and the reader in every path, plus the relay for netty and transport (emulator idle).");
        report.line("socat CPU: per-process, utime+stime+cutime+cstime of the socat process from /proc/PID/stat.");
        report.line("XMPP is out of the timed path: the offer is captured from XmppOut before the timer starts.");
        report.line("No hashing in the timed path; bytes are counted against Content-Length (InboundFileIT checks SHA-256).");
    }

    static Stats row(Report report, String name, List<Run> runs) {
        Stats mibps = Stats.of(runs.stream().map(Run::mibPerSecond).toList());
        report.line("%-10s %10.0f %10.0f %10.0f %16.2f %16s", name, mibps.median(), mibps.min(), mibps.max(),
                median(runs, Run::jvmCpuPerGib),
                name.equals("socat") ? String.format(java.util.Locale.ROOT, "%.2f", median(runs, Run::socatCpuPerGib)) : "-");
        return mibps;
    }

    static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return Stats.of(runs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
    }
}
