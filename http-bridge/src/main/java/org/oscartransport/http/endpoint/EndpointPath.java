package org.oscartransport.http.endpoint;

import org.oscartransport.http.naming.PercentEncoding;
import org.oscartransport.http.naming.SafeFileName;
import org.oscartransport.http.token.UrlToken;

/** The one request path an endpoint answers: {@code /TOKEN/FILENAME}. Holds the secret: never log it. */
final class EndpointPath {

    /** Pidgin copies the path into a 256-byte buffer; stay under it with the terminating NUL. */
    static final int MAX_LENGTH = 254;

    private final UrlToken token;
    private final SafeFileName name;

    EndpointPath(UrlToken token, SafeFileName name) {
        this.token = token;
        this.name = name;
    }

    /** The longest encoded file name that keeps the whole path within {@link #MAX_LENGTH}. */
    static int maxEncodedNameLength(UrlToken token) {
        return MAX_LENGTH - 2 - token.value().length();
    }

    String value() {
        return "/" + token.value() + "/" + name.encoded();
    }

    /**
     * Whether a request target names this file. The token is compared in constant time; the name is compared
     * decoded, so a client that re-encodes it (e.g. lower-case hex) still matches. A query string is ignored.
     */
    boolean matches(String requestTarget) {
        String path = pathOf(requestTarget);
        if (!path.startsWith("/")) return false;
        int slash = path.indexOf('/', 1);
        if (slash < 0) return false;
        boolean tokenMatches = token.matches(path.substring(1, slash));
        boolean nameMatches = PercentEncoding.decode(path.substring(slash + 1))
                .map(name.value()::equals)
                .orElse(false);
        return tokenMatches & nameMatches;
    }

    /** The token: what the shared listener's routes are keyed by. Secret: do not log. */
    UrlToken token() {
        return token;
    }

    /** The path of a request target, in origin form and without its query. */
    static String pathOf(String requestTarget) {
        String path = originForm(requestTarget);
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    /** A proxy may send the absolute form {@code http://host:port/path}; only the path counts. */
    private static String originForm(String requestTarget) {
        int scheme = requestTarget.indexOf("://");
        if (scheme < 0 || requestTarget.startsWith("/")) return requestTarget;
        int pathStart = requestTarget.indexOf('/', scheme + 3);
        return pathStart < 0 ? "/" : requestTarget.substring(pathStart);
    }

    @Override
    public String toString() {
        return "EndpointPath[/redacted/" + name.encoded() + "]";
    }
}
