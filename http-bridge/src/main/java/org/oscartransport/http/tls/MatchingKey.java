package org.oscartransport.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;

/**
 * Checks that the private key belongs to the chain's first certificate, by signing with one and verifying with the
 * other. The TLS library takes a mismatched pair without complaint and every handshake then fails; certbot's
 * renewal swaps the chain and the key one after the other, so a reload between the two would otherwise serve
 * nothing for a few seconds.
 */
final class MatchingKey {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private MatchingKey() {}

    /** @throws IllegalArgumentException when they do not match, or either file cannot be parsed */
    static void check(TlsFiles files) throws IOException {
        Certificate leaf = firstCertificate(files);
        PrivateKey key = privateKey(files, leaf.getPublicKey().getAlgorithm());
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) return; // a kind we cannot test here: the TLS library will tell
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) return;
        } catch (GeneralSecurityException e) {
            // a key of another kind or curve than the certificate's: a mismatch as well
        }
        throw new IllegalArgumentException("the key in " + files.privateKey()
                + " does not belong to the first certificate in " + files.certificateChain());
    }

    private static Certificate firstCertificate(TlsFiles files) throws IOException {
        try (InputStream in = Files.newInputStream(files.certificateChain())) {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            Iterator<? extends Certificate> first = chain.iterator();
            if (!first.hasNext()) throw new IllegalArgumentException("no certificate in " + files.certificateChain());
            return first.next();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no valid PEM certificate chain in " + files.certificateChain(), e);
        }
    }

    private static PrivateKey privateKey(TlsFiles files, String algorithm) throws IOException {
        String pem = Files.readString(files.privateKey(), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no PKCS#8 key (\"" + BEGIN + "\") in " + files.privateKey()
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the key in " + files.privateKey()
                    + " is not a valid " + algorithm + " key for the first certificate in "
                    + files.certificateChain(), e);
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
    }
}
