package org.oscartransport.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority for TLS tests, made with the {@code openssl} command (Debian has it): an EC
 * P-256 CA valid for two days, and server certificates it signs for {@code localhost} and 127.0.0.1, written as
 * PEM the way certbot writes them (a full chain, and a PKCS#8 key). Clients built from {@link #trustingClient()}
 * trust this CA alone.
 */
public final class TestCertificateAuthority {

    private static final AtomicInteger SERIALS = new AtomicInteger(1000);

    private final Path dir;
    private final Path caCert;
    private final Path caKey;

    private TestCertificateAuthority(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
    }

    /** Creates the CA's key and self-signed certificate in {@code dir}. */
    public static TestCertificateAuthority create(Path dir) throws IOException, InterruptedException {
        TestCertificateAuthority ca = new TestCertificateAuthority(dir);
        ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.caKey.toString(), "-out", ca.caCert.toString(), "-days", "2",
                "-subj", "/CN=oscar-transport test CA " + SERIALS.incrementAndGet(),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        return ca;
    }

    /**
     * Signs a new server certificate for {@code localhost} and 127.0.0.1 with subject {@code CN=commonName} and a
     * fresh serial; writes the chain (leaf, then the CA) and the PKCS#8 key, replacing what was there.
     *
     * @return the leaf certificate
     */
    public X509Certificate issue(String commonName, Path chainFile, Path keyFile)
            throws IOException, InterruptedException, GeneralSecurityException {
        String name = "leaf-" + SERIALS.incrementAndGet();
        Path key = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path leaf = dir.resolve(name + ".pem");
        Path extensions = Files.writeString(dir.resolve(name + ".ext"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", request.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", String.valueOf(SERIALS.incrementAndGet()), "-days", "2",
                "-extfile", extensions.toString(), "-out", leaf.toString());
        // Written aside, then moved: a reader never sees half a file.
        Path chainTmp = dir.resolve(name + ".chain");
        Files.writeString(chainTmp, Files.readString(leaf) + Files.readString(caCert));
        Files.move(chainTmp, chainFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(key, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (InputStream in = Files.newInputStream(leaf)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A TLS client context that trusts this CA and nothing else. */
    public SSLContext trustingClient() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + output);
        }
    }
}
