package org.oscartransport.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness runs end to end in a tiny mode and reports every section; no timing is asserted. */
class BenchCommandTest {

    @Test
    void aTinyRunReportsEverySection() throws Exception {
        BenchOptions tiny = BenchOptions.parse("--size=4m", "--runs=1", "--transfers=2", "--transfer-size=4m",
                "--sessions=20", "--offers=10");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        String report = BenchCommand.report(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report)
                .contains("## Machine")
                .contains("## Relay throughput, OFT -> HTTP (inbound), one file of 4.0 MiB")
                .contains("ratios of medians: transport/socat").contains("transport/netty")
                .contains("## Relay throughput, HTTP -> OFT (outbound), one file of 4.0 MiB")
                .contains("## Memory per active transfer")
                .contains("## Idle logged-in OSCAR sessions")
                .contains("emulator's share per session")
                .contains("## Latency: proposal -> offer at XmppOut, 10 offers");
        assertThat(report.lines().filter(l -> l.matches("(direct|socat|netty|transport) +\\d+ .*"))).hasSize(8);
        assertThat(report).doesNotContain("NaN");
    }

    @Test
    void sizesAndCountsAreParsedAndBadOnesNamed() {
        BenchOptions options = BenchOptions.parse("--quick", "--size=1g", "--runs=5", "--transfers=50,200", "--only=relay");
        assertThat(options.fileSize()).isEqualTo(1L << 30);
        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.includes("relay")).isTrue();
        assertThat(options.includes("sessions")).isFalse();
        assertThat(options.concurrency()).containsExactly(50, 200);
        assertThat(options.sessions()).containsExactly(1_000);
        assertThat(BenchOptions.parse().sessions()).containsExactly(1_000, 10_000);
        assertThat(options.spool()).isFalse();
        assertThat(BenchOptions.parse("--spool").spool()).isTrue();
        assertThatThrownBy(() -> BenchOptions.parse("--size=5g")).hasMessageContaining("4 GiB");
        assertThatThrownBy(() -> BenchOptions.parse("--runs=0")).hasMessageContaining("--runs");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option '--fast'");
    }
}
