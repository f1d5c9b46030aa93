package org.oscartransport.gateway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.oscartransport.gateway.bench.RelayThroughput.Run;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * The outbound direction, HTTP → OFT: one file served over HTTP by sendfile ({@link HttpFileServer}), four paths,
 * runs interleaved:
 * <ul>
 *   <li>direct: the HTTP server → a GET by the reader, no relay;</li>
 *   <li>socat / netty: the same server → {@code socat} or {@link PlainNettyRelay} → the same GET;</li>
 *   <li>transport: the gateway's outbound path as a {@code jabber:iq:oob} starts it ({@code OutboundTransfers}:
 *       probe, OFT proposal through the emulator, then {@code UrlFetcher}'s GET streamed into the OFT connection)
 *       → a contact's OFT receive, which throws the bytes away.</li>
 * </ul>
 * The transport is timed from the contact's accept (which opens the OFT connection, PROMPT/ACK, and makes the
 * gateway send its GET) to the contact's last byte.
 */
final class OutboundThroughput {

    private static final String USER = "100101";
    private static final int CONTACT = 200101;
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final BenchOptions options;
    private final BenchFiles files;

    OutboundThroughput(BenchOptions options, BenchFiles files) {
        this.options = options;
        this.files = files;
    }

    void run(Report report) throws Exception {
        Path file = files.create("outbound-" + options.fileSize() + ".bin", options.fileSize());
        Path warmup = files.create("outbound-warmup.bin", Math.min(options.fileSize(), 64L << 20));
        List<Run> direct = new ArrayList<>();
        List<Run> socat = new ArrayList<>();
        List<Run> netty = new ArrayList<>();
        List<Run> transport = new ArrayList<>();
        String ioName;
        DiscardingContact contact = new DiscardingContact();
        try (IcqSide icq = new IcqSide(); GatewayUnderTest gateway = new GatewayUnderTest(icq.server())) {
            ioName = gateway.ioName();
            gateway.signOn(List.of(USER), 1, Duration.ofSeconds(60));
            icq.contacts(CONTACT, 1, contact);
            for (int i = 0; i < 3; i++) { // JIT warm-up of every path, not counted
                runAll(warmup, gateway, contact, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
            }
            for (int i = 0; i < options.runs(); i++) {
                runAll(file, gateway, contact, direct, socat, netty, transport);
            }
        }
        print(report, direct, socat, netty, transport, ioName);
    }

    private static void runAll(Path file, GatewayUnderTest gateway, DiscardingContact contact, List<Run> direct,
            List<Run> socat, List<Run> netty, List<Run> transport) throws Exception {
        try (HttpFileServer source = new HttpFileServer(file)) {
            direct.add(get(source, source.port()));
            try (SocatRelay relay = SocatRelay.start(source.port())) {
                long socatCpu = relay.cpuNanos();
                Run r = get(source, relay.port());
                relay.awaitChildrenReaped(5_000); // the source closed after the body: socat's child has exited
                socat.add(new Run(r.seconds(), r.bytes(), r.jvmCpuNanos(), relay.cpuNanos() - socatCpu));
            }
            try (PlainNettyRelay relay = new PlainNettyRelay(source.port())) {
                netty.add(get(source, relay.port()));
            }
            transport.add(transport(source, gateway, contact));
        }
    }

    private static Run get(HttpFileServer source, int port) throws Exception {
        long cpu = ProcessMeters.jvmCpuNanos();
        ReaderPool.Result r = ReaderPool.drain(List.of(Download.get(source.url(port))), TIMEOUT_NANOS);
        return new Run((r.endNanos() - r.startNanos()) / 1e9, r.totalBytes(), ProcessMeters.jvmCpuNanos() - cpu, 0);
    }

    private static Run transport(HttpFileServer source, GatewayUnderTest gateway, DiscardingContact contact)
            throws Exception {
        CompletableFuture<String> sent = gateway.sendUrl(USER, Integer.toString(CONTACT), source.url(source.port()));
        Run run = contact.nextTransfer(TIMEOUT_NANOS);
        sent.get(60, TimeUnit.SECONDS); // the gateway saw the contact's OFT DONE
        return run;
    }

    private void print(Report report, List<Run> direct, List<Run> socat, List<Run> netty, List<Run> transport,
            String ioName) {
        report.section("Relay throughput, HTTP -> OFT (outbound), one file of " + Report.mib(options.fileSize())
                + ", " + options.runs() + " runs each, interleaved");
        report.line("%-10s %10s %10s %10s %16s %16s", "path", "median", "min", "max", "JVM CPU s/GiB",
                "socat CPU s/GiB");
        Stats d = RelayThroughput.row(report, "direct", direct);
        Stats s = RelayThroughput.row(report, "socat", socat);
        Stats n = RelayThroughput.row(report, "netty", netty);
        Stats t = RelayThroughput.row(report, "transport", transport);
        report.line("ratios of medians: transport/socat %.2f, transport/netty %.2f, transport/direct %.2f,"
                + " netty/socat %.2f", t.median() / s.median(), t.median() / n.median(), t.median() / d.median(),
                n.median() / s.median());
        double directCpu = RelayThroughput.median(direct, Run::jvmCpuPerGib);
        report.line("relay CPU s/GiB: transport %.2f, netty %.2f (estimates: JVM CPU minus direct's), socat %.2f"
                + " (socat's own process tree)", RelayThroughput.median(transport, Run::jvmCpuPerGib) - directCpu,
                RelayThroughput.median(netty, Run::jvmCpuPerGib) - directCpu,
                RelayThroughput.median(socat, Run::socatCpuPerGib));
        report.line("source: an HTTP/1.1 server in this JVM, HEAD and GET, body by sendfile(2) from tmpfs, then close.");
        report.line("direct, socat, netty: MiB/s from the reader's GET to its last body byte (the reader of the inbound");
        report.line("  section). transport: from the contact's accept (OFT connection, PROMPT/ACK, then the gateway's");
        report.line("  GET through UrlFetcher) to the last byte at the contact's OFT receive, which discards the bytes");
        report.line("  without checksumming them (OftDataSink.wantsChecksum: the other paths' reader does no work per");
        report.line("  byte either; a checksumming contact adds about 0.3 s/GiB of JVM CPU). Its CPU is in the");
        report.line("  transport's JVM CPU. Probe (HEAD) and proposal are before the clock starts.");
        report.line("The gateway runs on %s; the ICQ side (emulator, contact) on its own one-thread group, same I/O.",
                ioName);
    }

    /** The contact who takes every file offered and throws the bytes away, timing each transfer. */
    private static final class DiscardingContact implements OscarSessionListener {

        private final BlockingQueue<Run> finished = new LinkedBlockingQueue<>();

        @Override
        public void onFileOffer(IncomingFileOffer offer) {
            long startCpu = ProcessMeters.jvmCpuNanos();
            long start = System.nanoTime();
            offer.accept(new OftDataSink() {
                private long bytes;

                @Override
                public void onStart(Channel dataChannel, long size) {}

                /** Like the reader of the other paths, it does no work per byte. */
                @Override
                public boolean wantsChecksum() {
                    return false;
                }

                @Override
                public void onData(ByteBuf data) {
                    bytes += data.readableBytes();
                    data.release();
                }

                @Override
                public void onComplete() {
                    hand(new Run((System.nanoTime() - start) / 1e9, bytes, ProcessMeters.jvmCpuNanos() - startCpu, 0));
                }

                @Override
                public void onFailure(Throwable cause) {
                    hand(new Run(Double.NaN, bytes, 0, 0));
                }
            });
        }

        private void hand(Run run) {
            finished.add(run);
        }

        Run nextTransfer(long timeoutNanos) throws Exception {
            Run run = finished.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (run == null) {
                throw new IllegalStateException("outbound transfer did not finish in time");
            }
            if (Double.isNaN(run.seconds())) {
                throw new IllegalStateException("outbound transfer failed at the contact after " + run.bytes() + " bytes");
            }
            return run;
        }
    }
}
