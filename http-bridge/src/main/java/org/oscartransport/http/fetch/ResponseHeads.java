package org.oscartransport.http.fetch;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/** What a fetch reads from a response head. */
final class ResponseHeads {

    static final String DEFAULT_TYPE = "application/octet-stream";

    private ResponseHeads() {}

    /** The Content-Length, or -1 when absent, malformed, or overridden by chunked transfer coding. */
    static long contentLength(HttpResponse response) {
        if (HttpUtil.isTransferEncodingChunked(response)) return -1;
        try {
            long length = HttpUtil.getContentLength(response, -1L);
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 1xx (100 Continue, 103 Early Hints): a final answer follows on the same connection. */
    static boolean isInterim(HttpResponse response) {
        int status = response.status().code();
        return status >= 100 && status < 200 && status != 101;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean isGone(int status) {
        return status == 404 || status == 410;
    }

    /** The media type as sent (parameters kept), printable ASCII only; octet-stream when there is none. */
    static String contentType(HttpResponse response) {
        String type = response.headers().get("Content-Type");
        if (type == null) return DEFAULT_TYPE;
        String clean = type.chars().filter(c -> c >= 0x20 && c < 0x7F)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().trim();
        return clean.isEmpty() || clean.length() > 200 ? DEFAULT_TYPE : clean;
    }

    /** True when the body would not be the file's own bytes. */
    static boolean isEncoded(HttpHeaders headers) {
        String coding = headers.get("Content-Encoding");
        return coding != null && !coding.isBlank() && !coding.trim().equalsIgnoreCase("identity");
    }
}
