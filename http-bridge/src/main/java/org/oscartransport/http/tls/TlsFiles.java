package org.oscartransport.http.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the endpoints' certificate lives: a PEM certificate chain (leaf first, then intermediates, e.g. certbot's
 * {@code fullchain.pem}) and its PEM private key in PKCS#8 form ({@code BEGIN PRIVATE KEY}, e.g. certbot's
 * {@code privkey.pem}). Paths only: the files are read when the endpoints start and again when they change.
 */
public record TlsFiles(Path certificateChain, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
