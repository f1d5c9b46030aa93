package org.oscartransport.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path dir;

    private static TransportConfig load(Map<String, String> env, String... args) {
        return ConfigLoader.withEnvironment(env).load(args);
    }

    private static TransportConfig load(String... args) {
        return load(Map.of(), args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void builtInDefaultsApplyWhenOnlyTheSecretIsGiven() {
        TransportConfig c = load("--xmpp.secret=s3cret");

        assertThat(c.xmppHost()).isEqualTo("127.0.0.1");
        assertThat(c.xmppPort()).isEqualTo(5347);
        assertThat(c.xmppDomain()).isEqualTo("icq.localhost");
        assertThat(c.xmppSecret()).isEqualTo("s3cret");
        assertThat(c.oscarHost()).isEqualTo("127.0.0.1");
        assertThat(c.oscarPort()).isEqualTo(5190);
        assertThat(c.oscarConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.oscarLoginTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.httpBind()).isEqualTo("127.0.0.1");
        assertThat(c.httpPublicHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPorts()).isEqualTo(new PortRange(40000, 40100));
        assertThat(c.httpExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.httpTls()).isEmpty();
        assertThat(c.transferOfferTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.storeUrl()).isEqualTo("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("oscar-transport"));
        assertThat(c.allowPrivateAddresses()).isFalse();
        assertThat(c.emulatorEnabled()).isFalse();
        assertThat(c.emulatorListen()).isEqualTo(new HostAndPort("127.0.0.1", 5190));
    }

    @Test
    void derivedDefaultsFollowTheKeysTheyDependOn() {
        TransportConfig c = load("--xmpp.secret=s", "--http.bind=192.0.2.7", "--data.dir=" + dir);

        assertThat(c.httpPublicHost()).isEqualTo("192.0.2.7");
        assertThat(c.storeUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("oscar-transport"));
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsFileWhichBeatsDefaults() throws IOException {
        Path conf = file("t.conf", """
                # comment
                xmpp.port = 1111
                oscar.port = 1111
                http.expiry = 2h
                xmpp.secret = from-file
                """);
        TransportConfig c = load(Map.of("OSCAR_TRANSPORT_OSCAR_PORT", "2222", "OSCAR_TRANSPORT_HTTP_EXPIRY", "3h"),
                "--config", conf.toString(), "--http.expiry=4h");

        assertThat(c.xmppPort()).isEqualTo(1111);
        assertThat(c.oscarPort()).isEqualTo(2222);
        assertThat(c.httpExpiry()).isEqualTo(Duration.ofHours(4));
        assertThat(c.xmppSecret()).isEqualTo("from-file");
        assertThat(c.xmppHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void configFileCanBeNamedByEnvironmentAndCommandLineWins() throws IOException {
        Path fromEnv = file("env.conf", "xmpp.domain = env.example\nxmpp.secret = s\n");
        Path fromArgs = file("args.conf", "xmpp.domain = args.example\nxmpp.secret = s\n");
        Map<String, String> env = Map.of("OSCAR_TRANSPORT_CONFIG", fromEnv.toString());

        assertThat(load(env).xmppDomain()).isEqualTo("env.example");
        assertThat(load(env, "--config=" + fromArgs).xmppDomain()).isEqualTo("args.example");
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() {
        TransportConfig c = load("--xmpp.secret", "s", "--xmpp.port", "5348", "--oscar.host=icq.example");

        assertThat(c.xmppPort()).isEqualTo(5348);
        assertThat(c.oscarHost()).isEqualTo("icq.example");
    }

    @Test
    void aBooleanOptionAloneMeansTrue() {
        TransportConfig c = load("--emulator.enabled", "--net.allow-private-addresses", "--xmpp.secret=s");

        assertThat(c.emulatorEnabled()).isTrue();
        assertThat(c.allowPrivateAddresses()).isTrue();
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        assertThat(load("--xmpp.secret=s", "--emulator.enabled=YES").emulatorEnabled()).isTrue();
        assertThat(load("--xmpp.secret=s", "--emulator.enabled=off").emulatorEnabled()).isFalse();
    }

    @Test
    void durationsTakeAUnit() {
        assertThat(load("--xmpp.secret=s", "--http.expiry=30s").httpExpiry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("--xmpp.secret=s", "--http.expiry=10m").httpExpiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(load("--xmpp.secret=s", "--http.expiry=7d").httpExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(load("--xmpp.secret=s", "--oscar.connect-timeout=250ms").oscarConnectTimeout())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void emulatorListenAcceptsBracketedIpv6() {
        assertThat(load("--xmpp.secret=s", "--emulator.listen=[::1]:5191").emulatorListen())
                .isEqualTo(new HostAndPort("::1", 5191));
    }

    @Test
    void environmentVariablesMapDotsAndDashesToUnderscores() {
        TransportConfig c = load(Map.of("OSCAR_TRANSPORT_XMPP_SECRET", "env-secret",
                "OSCAR_TRANSPORT_NET_ALLOW_PRIVATE_ADDRESSES", "true", "PATH", "/usr/bin"));

        assertThat(c.xmppSecret()).isEqualTo("env-secret");
        assertThat(c.allowPrivateAddresses()).isTrue();
    }

    @Test
    void secretIsReadTrimmedFromAFile() throws IOException {
        Path secret = file("secret", "  from-a-file \n");

        assertThat(load("--xmpp.secret-file=" + secret).xmppSecret()).isEqualTo("from-a-file");
    }

    @Test
    void theSecretOrItsFileFromTheHigherLayerWins() throws IOException {
        Path secret = file("secret", "file-secret\n");
        Map<String, String> env = Map.of("OSCAR_TRANSPORT_XMPP_SECRET_FILE", secret.toString());

        assertThat(load(env).xmppSecret()).isEqualTo("file-secret");
        assertThat(load(env, "--xmpp.secret=cli-secret").xmppSecret()).isEqualTo("cli-secret");
        assertThat(load(Map.of("OSCAR_TRANSPORT_XMPP_SECRET", "env"), "--xmpp.secret-file=" + secret).xmppSecret())
                .isEqualTo("file-secret");
    }

    @Test
    void tlsTakesTheCertificateChainAndKeyFiles() throws IOException {
        Path cert = file("fullchain.pem", "pem");
        Path key = file("privkey.pem", "pem");

        TransportConfig c = load("--xmpp.secret=s", "--http.tls-cert=" + cert, "--http.tls-key=" + key);

        assertThat(c.httpTls()).contains(new TlsPaths(cert, key));
        assertThat(c.describe()).contains("http.tls-key = " + key);
    }

    @Test
    void emptyTlsSettingsMeanPlainHttp() {
        assertThat(load("--xmpp.secret=s", "--http.tls-cert=", "--http.tls-key=").httpTls()).isEmpty();
    }
}
