package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commented-out transfers file appender in conf/logback.xml works once an admin uncomments it. */
class TransferLogFileExampleTest {

    @Test
    void uncommentedItWritesTransferLinesToTheirOwnFile(@TempDir Path dir) throws Exception {
        String conf = ConfSnippet.read("logback.xml").text();
        int from = conf.indexOf("<appender name=\"TRANSFERS\"");
        int to = conf.indexOf("</logger>", from) + "</logger>".length();
        assertThat(from).as("example appender in conf/logback.xml").isPositive();
        String example = conf.substring(from, to).replace("/var/lib/oscar-transport", dir.toString());

        LoggerContext context = new LoggerContext(); // private: leaves the test JVM's logging alone
        context.setMDCAdapter(new LogbackMDCAdapter()); // a bare context has none, and appending needs one
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(("<configuration>" + example + "</configuration>")
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getEffectiveLevel() >= Status.WARN).isEmpty();

            context.getLogger(TransferLog.LOGGER_NAME).info("transfer id=01 outcome=completed");
            context.getLogger("org.oscartransport.gateway").info("not a transfer line");
            // (that one warns "no appenders" here: the example adds an appender, not a root config)
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getEffectiveLevel() >= Status.ERROR).isEmpty();
        } finally {
            context.stop();
        }
        String written = Files.readString(dir.resolve("transfers.log"));
        assertThat(written).contains("transfer id=01 outcome=completed").doesNotContain("not a transfer line");
    }
}
