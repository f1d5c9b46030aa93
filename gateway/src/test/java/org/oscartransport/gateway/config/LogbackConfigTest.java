package org.oscartransport.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both logging configs (built into the jar, and the admin's example) parse cleanly and set the same levels. */
class LogbackConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"classpath:logback.xml", "../conf/logback.xml"})
    void configuresConsoleAtInfoWithNoisyLibrariesAtWarn(String location) throws Exception {
        URL config = location.startsWith("classpath:")
                ? getClass().getClassLoader().getResource(location.substring("classpath:".length()))
                : Path.of(location).toUri().toURL();
        LoggerContext context = new LoggerContext(); // private: leaves the test JVM's logging alone
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);

            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getEffectiveLevel() >= Status.WARN).isEmpty();
            assertThat(context.getLogger("ROOT").getAppender("CONSOLE")).isNotNull();
            assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("org.oscartransport.gateway").getEffectiveLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.jivesoftware.whack").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
            // Whack's reconnect ERRORs are replaced by the transport's own lines
            assertThat(context.getLogger("org.jivesoftware.whack.ExternalComponent").getEffectiveLevel())
                    .isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.jivesoftware.whack.SocketReadThread").getEffectiveLevel())
                    .isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.oscartransport.gateway.component.ReportingExternalComponent")
                    .getEffectiveLevel()).isEqualTo(Level.INFO);
        } finally {
            context.stop();
        }
    }
}
