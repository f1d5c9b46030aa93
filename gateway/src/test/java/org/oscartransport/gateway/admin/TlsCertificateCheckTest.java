package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.TransportConfig;
import org.oscartransport.testsupport.TestCertificateAuthority;

/** check-config's TLS step, with certificates from a throwaway CA made by openssl (for localhost and 127.0.0.1). */
class TlsCertificateCheckTest {

    @TempDir
    static Path dir;
    private static Path chain;
    private static Path key;
    private static Path otherKey;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create(dir);
        chain = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        otherKey = dir.resolve("other-privkey.pem");
        ca.issue("localhost", chain, key);
        ca.issue("other", dir.resolve("other-fullchain.pem"), otherKey);
    }

    @Test
    void aCertificateNamingThePublicHostPasses() {
        assertThat(check("--http.public-host=127.0.0.1", "--http.tls-cert=" + chain, "--http.tls-key=" + key))
                .startsWith("ok   tls: certificate for 127.0.0.1 loads, valid until ")
                .endsWith("; download URLs are https://\n");
    }

    @Test
    void aCertificateForAnotherHostFails() {
        assertThat(check("--http.public-host=files.example.org", "--http.tls-cert=" + chain, "--http.tls-key=" + key))
                .isEqualTo("FAIL tls: the certificate in " + chain + " does not name files.example.org"
                        + " (http.public-host): clients will refuse the download URLs\n");
    }

    @Test
    void aKeyOfAnotherCertificateFails() {
        assertThat(check("--http.tls-cert=" + chain, "--http.tls-key=" + otherKey))
                .startsWith("FAIL tls: ").contains("does not belong to the first certificate in " + chain);
    }

    @Test
    void withoutTlsItSaysTheUrlsArePlainHttp() {
        assertThat(check()).startsWith("ok   tls: no http.tls-cert: download URLs are plain http://");
    }

    private static String check(String... args) {
        TransportConfig config = ConfigLoader.withEnvironment(Map.of("OSCAR_TRANSPORT_XMPP_SECRET", "x")).load(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TlsCertificateCheck.run(config, new CheckReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
