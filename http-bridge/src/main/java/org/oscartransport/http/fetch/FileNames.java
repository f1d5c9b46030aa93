package org.oscartransport.http.fetch;

import java.net.URI;
import java.util.Optional;
import org.oscartransport.http.naming.PercentEncoding;
import org.oscartransport.http.naming.SafeFileName;

/**
 * The name a fetched file goes by on the ICQ side: the server's Content-Disposition name when it gave one, else
 * the URL's last path segment (XEP-0363 upload URLs end with the name the user's client uploaded), made safe
 * by {@link SafeFileName} (no slashes, control or bidi characters, no "..").
 */
final class FileNames {

    private FileNames() {}

    static String of(String contentDisposition, URI url) {
        Optional<String> named = DispositionFileName.parse(contentDisposition);
        String raw = named.orElseGet(() -> lastPathSegment(url));
        return SafeFileName.of(raw).value();
    }

    private static String lastPathSegment(URI url) {
        String path = url.getRawPath();
        if (path == null) return "";
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        // A segment that is not valid percent-encoded UTF-8 is used as written rather than dropped.
        return PercentEncoding.decode(segment).orElse(segment);
    }
}
