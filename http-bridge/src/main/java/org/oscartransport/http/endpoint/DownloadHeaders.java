package org.oscartransport.http.endpoint;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.oscartransport.http.naming.ContentDisposition;
import org.oscartransport.http.naming.ContentTypes;
import org.oscartransport.http.naming.SafeFileName;

/**
 * The headers of a download, identical for HEAD and GET. Names are spelled in canonical case on purpose:
 * libpurple looks for the exact bytes {@code "Content-Length: "}.
 */
final class DownloadHeaders {

    static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    static final AsciiString CONTENT_DISPOSITION = AsciiString.cached("Content-Disposition");
    static final AsciiString NOSNIFF = AsciiString.cached("X-Content-Type-Options");
    static final AsciiString CSP = AsciiString.cached("Content-Security-Policy");
    static final AsciiString CACHE_CONTROL = AsciiString.cached("Cache-Control");
    static final AsciiString ALLOW_ORIGIN = AsciiString.cached("Access-Control-Allow-Origin");
    static final AsciiString EXPOSE_HEADERS = AsciiString.cached("Access-Control-Expose-Headers");
    static final AsciiString ACCEPT_RANGES = AsciiString.cached("Accept-Ranges");
    static final AsciiString CONTENT_RANGE = AsciiString.cached("Content-Range");

    private DownloadHeaders() {}

    /** @param ranges whether Range requests are served (spool mode): a stream-only file cannot be resumed */
    static HttpHeaders of(FileDescriptor file, SafeFileName name, boolean ranges) {
        ContentTypes.Served served = ContentTypes.forExtension(name.extension());
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(CONTENT_LENGTH, file.size());
        headers.set(CONTENT_TYPE, served.contentType());
        headers.set(CONTENT_DISPOSITION, ContentDisposition.header(served.inline(), name));
        addProtective(headers);
        headers.set(EXPOSE_HEADERS, "Content-Length, Content-Type, Content-Disposition"
                + (ranges ? ", Content-Range, Accept-Ranges" : ""));
        headers.set(ACCEPT_RANGES, ranges ? "bytes" : "none");
        return headers;
    }

    /** The headers of a 206 for {@code range} of a file whose whole-file headers are {@code whole}. */
    static HttpHeaders partial(HttpHeaders whole, RangeRequest range, long size) {
        HttpHeaders headers = whole.copy();
        headers.set(CONTENT_LENGTH, range.length());
        headers.set(CONTENT_RANGE, range.contentRange(size));
        return headers;
    }

    /** What every response carries, errors included: peer bytes never run on our origin. */
    static HttpHeaders addProtective(HttpHeaders headers) {
        headers.set(NOSNIFF, "nosniff");
        headers.set(CSP, "sandbox; default-src 'none'");
        headers.set(CACHE_CONTROL, "private");
        headers.set(ALLOW_ORIGIN, "*");
        return headers;
    }
}
