package org.oscartransport.http.endpoint;

import java.net.URI;
import java.util.Objects;

/**
 * Where the shared listener binds and the public base its URLs start with, e.g. {@code 127.0.0.1:8080} behind a
 * reverse proxy that forwards {@code https://files.example.org/icq/} to it. The base is normalised to end with
 * {@code /}; its path is the prefix stripped from requests before they are matched.
 *
 * @param host       address to bind
 * @param port       port to bind, 1-65535 (0 picks a free one; tests only, since the base must name the port)
 * @param publicBase absolute http or https URL without query, fragment or user info
 */
public record SharedListener(String host, int port, URI publicBase) {

    public SharedListener {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("shared listener port out of range: " + port);
        publicBase = normalisedBase(publicBase);
    }

    /** The base's path, ending with {@code /}: what a request target must start with. */
    String prefix() {
        return publicBase.getRawPath();
    }

    static URI normalisedBase(URI base) {
        Objects.requireNonNull(base, "publicBase");
        String scheme = base.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("public base must be an http:// or https:// URL");
        }
        if (base.getHost() == null) throw new IllegalArgumentException("public base has no host");
        if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("public base must have no query, fragment or user info");
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        if (!path.endsWith("/")) path += "/";
        return URI.create(base.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + base.getRawAuthority() + path);
    }
}
