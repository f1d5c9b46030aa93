package org.oscartransport.gateway.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench}: measures the transport against the targets of docs/architecture.md and prints one report.
 * Nothing here passes or fails on timing; the report is for people to read and compare.
 */
public final class BenchCommand {

    private static final Logger log = LoggerFactory.getLogger(BenchCommand.class);

    private BenchCommand() {}

    /** @return the process exit code: 0 done, 1 a measurement failed, 2 bad arguments or missing socat */
    public static int run(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            SocatRelay.requireInstalled();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        try {
            System.out.print(report(options, System.err));
            return 0;
        } catch (Exception e) {
            log.error("bench failed", e);
            System.err.println("bench: failed: " + e);
            return 1;
        }
    }

    /** Runs every section and returns the report; progress notes go to {@code progress}. */
    static String report(BenchOptions options, PrintStream progress) throws Exception {
        QuietLogs.warningsOnly();
        Instant start = Instant.now();
        Report report = new Report();
        report.line("# oscar-transport bench, %s", start.truncatedTo(ChronoUnit.SECONDS));
        MachineInfo.describe(report);
        try (BenchFiles files = new BenchFiles()) {
            if (options.includes("relay")) {
                progress.println("bench: relay throughput (" + options.runs() + " runs x 4 paths)...");
                new RelayThroughput(options, files).run(report);
            }
            if (options.includes("outbound")) {
                progress.println("bench: outbound relay throughput (" + options.runs() + " runs x 4 paths)...");
                new OutboundThroughput(options, files).run(report);
            }
            if (options.includes("transfers")) {
                progress.println("bench: concurrent transfers...");
                new ConcurrentTransfers(options, files).run(report);
            }
            if (options.includes("sessions")) {
                progress.println("bench: idle sessions...");
                new IdleSessions(options).run(report);
            }
            if (options.includes("latency")) {
                progress.println("bench: offer latency...");
                new OfferLatency(options, files).run(report);
            }
        }
        report.line("");
        report.line("bench took %d s", Duration.between(start, Instant.now()).toSeconds());
        return report.toString();
    }
}
