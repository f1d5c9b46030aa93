package org.oscartransport.gateway.config;

import java.nio.file.Path;

/** The admin's certificate for the download endpoints: a PEM full chain and its PEM (PKCS#8) private key. */
public record TlsPaths(Path certificateChain, Path privateKey) {}
