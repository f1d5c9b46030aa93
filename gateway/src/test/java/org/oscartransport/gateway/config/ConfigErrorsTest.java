package org.oscartransport.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {
    @TempDir Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> failure(Map<String, String> env, String... args) {
        Throwable thrown = catchThrowable(() -> ConfigLoader.withEnvironment(env).load(args));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).startsWith("config: ").doesNotContain("\n");
        return assertThat(thrown);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failure(String... args) {
        return failure(Map.of(), args);
    }

    @Test
    void unknownCommandLineKeyIsNamed() {
        failure("--xmpp.secret=s", "--xmpp.hots=x").hasMessage("config: unknown key 'xmpp.hots' (from --xmpp.hots)");
    }

    @Test
    void unknownFileKeyIsNamedWithTheFile() throws IOException {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "xmpp.secret = s\nhttp.port = 80\n");

        failure("--config", conf.toString()).hasMessage("config: unknown key 'http.port' (from file " + conf + ")");
    }

    @Test
    void unknownPrefixedEnvironmentVariableIsRefused() {
        failure(Map.of("OSCAR_TRANSPORT_XMPP_HOTS", "x"), "--xmpp.secret=s")
                .hasMessage("config: unknown environment variable 'OSCAR_TRANSPORT_XMPP_HOTS' (no key maps to it)");
    }

    @Test
    void missingSecretIsRequired() {
        failure().hasMessageStartingWith("config: 'xmpp.secret' is required");
    }

    @Test
    void emptySecretIsRefused() {
        failure("--xmpp.secret=").hasMessage("config: 'xmpp.secret' must not be empty (from --xmpp.secret)");
    }

    @Test
    void reversedPortRangeIsRefused() {
        failure("--xmpp.secret=s", "--http.ports=40100-40000").hasMessage(
                "config: 'http.ports' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535, got '40100-40000' (from --http.ports)");
    }

    @Test
    void portRangeBeyond65535IsRefused() {
        failure("--xmpp.secret=s", "--http.ports=60000-70000").hasMessageContaining("'http.ports' must be FIRST-LAST");
    }

    @Test
    void badPortsAreRefused() {
        for (String port : new String[] {"0", "65536", "http", "-1", "99999999999"}) {
            failure("--xmpp.secret=s", "--xmpp.port=" + port)
                    .hasMessage("config: 'xmpp.port' must be a port number 1-65535, got '" + port + "' (from --xmpp.port)");
        }
    }

    @Test
    void badDurationsAreRefused() {
        for (String duration : new String[] {"10", "1w", "0s", "-5m", "1.5h", ""}) {
            failure(Map.of("OSCAR_TRANSPORT_HTTP_EXPIRY", duration), "--xmpp.secret=s").hasMessage(
                    "config: 'http.expiry' must be a positive duration like 30s, 10m, 1h or 7d, got '" + duration
                            + "' (from environment OSCAR_TRANSPORT_HTTP_EXPIRY)");
        }
    }

    @Test
    void badBooleanIsRefused() {
        failure("--xmpp.secret=s", "--emulator.enabled=maybe")
                .hasMessage("config: 'emulator.enabled' must be true or false, got 'maybe' (from --emulator.enabled)");
    }

    @Test
    void badListenAddressIsRefused() {
        failure("--xmpp.secret=s", "--emulator.listen=localhost").hasMessageContaining("'emulator.listen' must be HOST:PORT");
        failure("--xmpp.secret=s", "--emulator.listen=localhost:0").hasMessageContaining("'emulator.listen' must be HOST:PORT");
    }

    @Test
    void nonJdbcStoreUrlIsRefused() {
        failure("--xmpp.secret=s", "--store.url=postgres://db/x").hasMessageContaining("'store.url' must be a JDBC URL");
    }

    @Test
    void hostWithSpacesIsRefused() {
        failure("--xmpp.secret=s", "--xmpp.host=my host").hasMessageContaining("'xmpp.host' must be a host name or IP address");
    }

    @Test
    void unreadableConfigFileIsNamed() {
        Path missing = dir.resolve("missing.conf");

        failure("--config", missing.toString())
                .hasMessage("config: cannot read config file '" + missing + "': no such file");
    }

    @Test
    void unreadableSecretFileIsNamed() {
        Path missing = dir.resolve("no-secret");

        failure("--xmpp.secret-file", missing.toString()).hasMessageStartingWith(
                "config: cannot read 'xmpp.secret-file' '" + missing + "' (from --xmpp.secret-file)");
    }

    @Test
    void emptySecretFileIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");

        failure("--xmpp.secret-file=" + empty).hasMessageContaining("'xmpp.secret-file' '" + empty + "' is empty");
    }

    @Test
    void secretAndSecretFileInTheSamePlaceAreAmbiguous() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "x");

        failure("--xmpp.secret=a", "--xmpp.secret-file=" + secret)
                .hasMessageStartingWith("config: set either 'xmpp.secret' or 'xmpp.secret-file', not both");
    }

    @Test
    void strayArgumentsAndMissingValuesAreRefused() {
        failure("--xmpp.secret=s", "run").hasMessageStartingWith("config: unexpected argument 'run'");
        failure("--xmpp.secret=s", "--xmpp.port").hasMessage("config: '--xmpp.port' needs a value");
        failure("--xmpp.secret=s", "--config").hasMessage("config: '--config' needs a value");
    }

    @Test
    void errorsNeverEchoTheSecret() {
        Throwable thrown = catchThrowable(() ->
                ConfigLoader.withEnvironment(Map.of()).load("--xmpp.secret=hunter2", "--xmpp.secret-file=/nonexistent"));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void descriptionsNeverContainSecrets() {
        TransportConfig c = ConfigLoader.withEnvironment(Map.of()).load("--xmpp.secret=hunter2",
                "--store.url=jdbc:postgresql://u:pw1@db/oscar?user=u&password=pw2&ssl=true");

        assertThat(c.toString()).doesNotContain("hunter2", "pw1", "pw2").contains("xmpp.secret=***", "ssl=true");
        assertThat(c.describe()).doesNotContain("hunter2", "pw1", "pw2").contains("xmpp.port = 5347  (default)");
    }

    @Test
    void describeSaysWhereEachValueCameFrom() {
        TransportConfig c = ConfigLoader.withEnvironment(Map.of("OSCAR_TRANSPORT_OSCAR_PORT", "5191"))
                .load("--xmpp.secret=s");

        assertThat(c.describe()).contains("oscar.port = 5191  (environment OSCAR_TRANSPORT_OSCAR_PORT)",
                "xmpp.secret = ***  (--xmpp.secret)", "http.public-host = 127.0.0.1  (default: same as http.bind)");
    }

    @Test
    void aTlsCertificateWithoutItsKeyNamesTheMissingKey() throws IOException {
        Path cert = Files.writeString(dir.resolve("fullchain.pem"), "pem");

        failure("--xmpp.secret=s", "--http.tls-cert=" + cert).hasMessage("config: 'http.tls-key' must be set too when"
                + " 'http.tls-cert' is (from --http.tls-cert); set both for HTTPS, neither for plain HTTP");
    }

    @Test
    void aTlsKeyWithoutItsCertificateNamesTheMissingCertificate() throws IOException {
        Path key = Files.writeString(dir.resolve("privkey.pem"), "pem");

        failure(Map.of("OSCAR_TRANSPORT_HTTP_TLS_KEY", key.toString()), "--xmpp.secret=s")
                .hasMessageStartingWith("config: 'http.tls-cert' must be set too when 'http.tls-key' is");
    }

    @Test
    void aMissingTlsFileIsNamedWithItsKey() throws IOException {
        Path cert = Files.writeString(dir.resolve("fullchain.pem"), "pem");
        Path key = dir.resolve("privkey.pem");

        failure("--xmpp.secret=s", "--http.tls-cert=" + cert, "--http.tls-key=" + key).hasMessage(
                "config: cannot read 'http.tls-key' '" + key + "' (from --http.tls-key): no such file");
    }

    @Test
    void aDirectoryIsNoTlsFile() throws IOException {
        Path key = Files.writeString(dir.resolve("privkey.pem"), "pem");

        failure("--xmpp.secret=s", "--http.tls-cert=" + dir, "--http.tls-key=" + key)
                .hasMessageContaining("'http.tls-cert' '" + dir + "'");
    }

    @Test
    void sharedBindNeedsAPublicBase() {
        failure("--xmpp.secret=s", "--http.shared-bind=127.0.0.1:8080").hasMessageStartingWith(
                "config: 'http.public-base' must be set when 'http.shared-bind' is (from --http.shared-bind)");
    }

    @Test
    void aPublicBaseWithoutSharedBindIsRefused() {
        failure("--xmpp.secret=s", "--http.public-base=https://files.example.org/icq/")
                .hasMessageStartingWith("config: 'http.public-base' (from --http.public-base) needs 'http.shared-bind'");
    }

    @Test
    void aPublicBaseMustBeAPlainHttpUrl() {
        failure("--xmpp.secret=s", "--http.shared-bind=127.0.0.1:8080", "--http.public-base=ftp://x/").hasMessage(
                "config: 'http.public-base' must be an http:// or https:// URL with a host, e.g. "
                        + "https://files.example.org/icq/, got 'ftp://x/' (from --http.public-base)");
        failure("--xmpp.secret=s", "--http.shared-bind=127.0.0.1:8080", "--http.public-base=https://x/icq/?a=1")
                .hasMessageContaining("must have no query, fragment or user info");
    }

    @Test
    void aSharedListenerWithItsOwnTlsNeedsAnHttpsPublicBase(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("fullchain.pem"), "not checked here");
        Path key = Files.writeString(dir.resolve("privkey.pem"), "not checked here");
        String[] tls = {"--http.tls-cert=" + cert, "--http.tls-key=" + key};
        failure(concat(tls, "--xmpp.secret=s", "--http.shared-bind=127.0.0.1:8080",
                "--http.public-base=http://files.example.org/icq/")).hasMessageStartingWith(
                "config: 'http.public-base' must be an https:// URL when http.tls-cert and http.tls-key are set");
        TransportConfig config = ConfigLoader.withEnvironment(Map.of()).load(concat(tls, "--xmpp.secret=s",
                "--http.shared-bind=127.0.0.1:8443", "--http.public-base=https://files.example.org:8443/icq/"));
        assertThat(config.httpTls()).isPresent();
        assertThat(config.httpPublicBase().orElseThrow()).hasToString("https://files.example.org:8443/icq/");
    }

    private static String[] concat(String[] first, String... rest) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(rest))
                .toArray(String[]::new);
    }

    @Test
    void aSharedBindAndPublicBaseAreTaken() {
        TransportConfig config = ConfigLoader.withEnvironment(Map.of()).load(new String[] {"--xmpp.secret=s",
                "--http.shared-bind=127.0.0.1:8080", "--http.public-base=https://files.example.org/icq/"});
        assertThat(config.httpSharedBind()).contains(new HostAndPort("127.0.0.1", 8080));
        assertThat(config.httpPublicBase().orElseThrow()).hasToString("https://files.example.org/icq/");
    }
}
