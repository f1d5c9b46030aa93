package org.oscartransport.http.fetch;

import java.net.URI;
import java.util.Locale;

/**
 * An http or https URL taken apart for one request: where to connect and what to send. The only place that
 * decides whether a URL is fetchable at all.
 *
 * @param host          the host as DNS or an IP literal knows it (IPv6 without brackets)
 * @param hostHeader    the Host header: host as written in the URL, with the port when it is not the default
 * @param requestTarget path and query, never empty; the fragment is dropped
 */
record FetchTarget(URI url, boolean https, String host, int port, String hostHeader, String requestTarget) {

    static FetchTarget of(URI url) throws FetchRefusedException {
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            throw new FetchRefusedException("not an absolute http or https URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefusedException("scheme '" + scheme + "' is not fetched: only http and https");
        }
        String rawHost = url.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            throw new FetchRefusedException("URL has no host (international names must be in punycode)");
        }
        if (url.getRawUserInfo() != null) throw new FetchRefusedException("URLs with credentials are not fetched");
        boolean https = scheme.equals("https");
        int defaultPort = https ? 443 : 80;
        int port = url.getPort() == -1 ? defaultPort : url.getPort();
        if (port < 1 || port > 65535) throw new FetchRefusedException("port " + port + " is not allowed");
        String host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        String hostHeader = port == defaultPort ? rawHost : rawHost + ":" + port;
        // java.net.URI lets raw non-ASCII through; a request line carries it percent-encoded as UTF-8.
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        return new FetchTarget(url, https, host.toLowerCase(Locale.ROOT), port, hostHeader, target);
    }

    /** {@code scheme://host:port}: what logs and messages may say about a URL. */
    String origin() {
        return (https ? "https" : "http") + "://" + hostHeaderWithPort();
    }

    /** The same for a URL that may not even parse as a target. */
    static String originOf(URI url) {
        try {
            return of(url).origin();
        } catch (FetchRefusedException e) {
            return url == null || url.getScheme() == null ? "(no scheme)" : url.getScheme() + "://…";
        }
    }

    private String hostHeaderWithPort() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
