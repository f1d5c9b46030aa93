package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

    @Test
    void parsesListenAndOpen() {
        EmulatorCommand.Options o = EmulatorCommand.parse(new String[] {"--listen", "127.0.0.1:5190", "--open"});
        assertThat(o.listen().getPort()).isEqualTo(5190);
        assertThat(o.listen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(o.open()).isTrue();
        assertThat(o.proxy()).isNull();
    }

    @Test
    void parsesTheOptionalProxyListener() {
        EmulatorCommand.Options o = EmulatorCommand.parse(
                new String[] {"--listen", "127.0.0.1:0", "--open", "--proxy", "127.0.0.2:5190"});
        assertThat(o.proxy().getHostString()).isEqualTo("127.0.0.2");
        assertThat(o.proxy().getPort()).isEqualTo(5190);
    }

    @Test
    void parsesAccountsThatRequireAuthorization() {
        EmulatorCommand.Options o = EmulatorCommand.parse(
                new String[] {"--listen", "127.0.0.1:0", "--open", "--require-auth", "100,200", "--require-auth", "300"});
        assertThat(o.requireAuth()).containsExactlyInAnyOrder("100", "200", "300");
        assertThat(EmulatorCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--open"}).requireAuth()).isEmpty();
        assertThatThrownBy(() -> EmulatorCommand.parse(
                new String[] {"--listen", "127.0.0.1:0", "--open", "--require-auth", "100,bob"}))
                .hasMessageContaining("--require-auth");
    }

    @Test
    void parsesListedPresenceOnly() {
        assertThat(EmulatorCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--open"}).listedPresenceOnly())
                .isFalse();
        assertThat(EmulatorCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--open", "--listed-presence-only"})
                .listedPresenceOnly()).isTrue();
    }

    @Test
    void parsesAccountsFileAndBracketedIpv6() {
        EmulatorCommand.Options o = EmulatorCommand.parse(new String[] {"--accounts", "/x/acc", "--listen", "[::1]:0"});
        assertThat(o.accountsFile()).isEqualTo(Path.of("/x/acc"));
        assertThat(o.listen().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void rejectsMissingOrConflictingOptions() {
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--open"})).hasMessageContaining("--listen");
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--listen", "h:1"}))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--listen", "h:1", "--open", "--accounts", "f"}))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--listen", "nohost"}))
                .hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--listen", "h:99999", "--open"}))
                .hasMessageContaining("range");
        assertThatThrownBy(() -> EmulatorCommand.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
    }

    @Test
    void badArgumentsExitWith2AndPrintUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmulatorCommand.run(new String[] {"--open"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void unreadableAccountsFileExitsWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmulatorCommand.run(new String[] {"--listen", "127.0.0.1:0", "--accounts", "/nonexistent/acc"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/acc");
    }
}
