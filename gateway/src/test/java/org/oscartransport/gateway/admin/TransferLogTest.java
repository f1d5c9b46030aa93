package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.admin.TransferRecord.Direction;
import org.oscartransport.gateway.admin.TransferRecord.Outcome;
import org.slf4j.LoggerFactory;

class TransferLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(TransferLog.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        appender.stop();
    }

    @Test
    void aCompletedTransferIsOneInfoLineWithEveryField() {
        TransferLog.finished(new TransferRecord("8a1f00c2d3e4b5a6", Direction.IN, "200004", "alice@localhost",
                "holiday photo.jpg", 3 * 1024 * 1024, OptionalLong.of(3 * 1024 * 1024), Duration.ofMillis(1500),
                Outcome.COMPLETED, ""));

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getLoggerName()).isEqualTo("org.oscartransport.transfers");
        assertThat(event.getFormattedMessage()).isEqualTo("transfer id=8a1f00c2d3e4b5a6 dir=in uin=200004"
                + " jid=alice@localhost file=\"holiday photo.jpg\" size=3145728 bytes=3145728 duration=1.500s"
                + " rate=2.00MiB/s outcome=completed");
    }

    @Test
    void aFailureCarriesItsReasonWithoutAnyUrl() {
        TransferLog.finished(new TransferRecord("00000000000000ff", Direction.IN, "200004", "bob@localhost", "a.txt",
                10, OptionalLong.empty(), Duration.ofSeconds(2), Outcome.FAILED,
                "GET https://files.example.org:40001/AbCdEf0123456789SECRETTOKEN/a.txt aborted: peer reset"));

        String line = appender.list.get(0).getFormattedMessage();
        assertThat(line).endsWith("bytes=? duration=2.000s rate=? outcome=failed reason=\"GET <url> aborted: peer reset\"");
        assertThat(line).doesNotContain("SECRETTOKEN").doesNotContain("https");
    }

    @Test
    void aHostileFileNameCannotForgeALineOrHideText() {
        String name = "x.jpg\" outcome=completed\ntransfer id=forged\u202Egpj.exe\\";

        String line = TransferLog.line(new TransferRecord("01", Direction.IN, "200004", "alice@localhost", name, 1,
                OptionalLong.of(1), Duration.ofMillis(1), Outcome.DECLINED, "declined by the Jabber user"));

        assertThat(line).doesNotContain("\n").doesNotContain("\u202E");
        assertThat(line).contains("file=\"x.jpg\\\" outcome=completed\\u000atransfer id=forged\\u202egpj.exe\\\\\"");
        assertThat(line).endsWith("outcome=declined reason=\"declined by the Jabber user\"");
    }

    @Test
    void aVeryLongNameIsCut() {
        String line = TransferLog.line(new TransferRecord("01", Direction.OUT, "200004", "alice@localhost",
                "a".repeat(5000), 1, OptionalLong.empty(), Duration.ZERO, Outcome.CANCELLED, ""));

        assertThat(line).contains("file=\"" + "a".repeat(200) + "...\"").contains("dir=out").contains("rate=?");
        assertThat(line.length()).isLessThan(400);
    }
}
