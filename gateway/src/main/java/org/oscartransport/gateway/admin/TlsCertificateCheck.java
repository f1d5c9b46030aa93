package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.oscartransport.gateway.config.TlsPaths;
import org.oscartransport.gateway.config.TransportConfig;
import org.oscartransport.http.tls.ReloadingServerContext;
import org.oscartransport.http.tls.TlsFiles;

/**
 * With {@code http.tls-cert}/{@code http.tls-key}: the pair loads as the endpoints will load it, and its
 * certificate is one clients accept (not self-signed, not expired, naming {@code http.public-host}). Clients fail
 * on a bad certificate silently or with a vague error, so this is where an admin learns why.
 */
final class TlsCertificateCheck {
    private static final String AREA = "tls";
    private static final Duration SOON = Duration.ofDays(14);

    private TlsCertificateCheck() {}

    static void run(TransportConfig config, CheckReport report) {
        if (config.httpTls().isEmpty()) {
            report.ok(AREA, "no http.tls-cert: download URLs are plain http:// (fine behind a TLS reverse proxy or"
                    + " for iq:oob clients; Monal and web clients refuse http:// links)");
            return;
        }
        TlsPaths paths = config.httpTls().get();
        X509Certificate leaf;
        try {
            ReloadingServerContext.load(new TlsFiles(paths.certificateChain(), paths.privateKey()), Duration.ZERO);
            leaf = leaf(paths);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            report.fail(AREA, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return;
        }
        String host = config.httpPublicHost();
        Instant expires = leaf.getNotAfter().toInstant();
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            report.fail(AREA, paths.certificateChain() + " starts with a self-signed certificate: Dino, Gajim, Monal,"
                    + " Siskin and web clients refuse it (use a publicly trusted one, e.g. from Let's Encrypt)");
        } else if (expires.isBefore(Instant.now())) {
            report.fail(AREA, "the certificate in " + paths.certificateChain() + " expired on " + expires);
        } else if (!names(leaf, host)) {
            report.fail(AREA, "the certificate in " + paths.certificateChain() + " does not name " + host
                    + " (http.public-host): clients will refuse the download URLs");
        } else {
            boolean soon = expires.isBefore(Instant.now().plus(SOON));
            report.ok(AREA, "certificate for " + host + " loads, valid until " + expires
                    + (soon ? " (soon: is renewal running?)" : "") + "; download URLs are https://");
        }
    }

    private static X509Certificate leaf(TlsPaths paths) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(paths.certificateChain())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
        }
    }

    /** Subject alternative names only, as clients check them: DNS names (one leading wildcard label) and IPs. */
    private static boolean names(X509Certificate certificate, String host) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) return false;
        String wanted = host.toLowerCase(Locale.ROOT);
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
            if (type == 2 && (value.equals(wanted) || wildcardMatches(value, wanted))) return true;
            if (type == 7 && sameAddress(value, wanted)) return true;
        }
        return false;
    }

    private static boolean wildcardMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) return false;
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    private static boolean sameAddress(String certificateAddress, String host) {
        if (!host.matches("[0-9.]+|.*:.*")) return false; // only literals: a name is never resolved here
        try {
            return InetAddress.getByName(certificateAddress).equals(InetAddress.getByName(host.replaceAll("[\\[\\]]", "")));
        } catch (IOException e) {
            return false;
        }
    }
}
