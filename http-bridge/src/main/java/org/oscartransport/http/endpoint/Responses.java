package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/** Every response an endpoint sends. Error bodies are fixed texts, so all misses look the same. */
final class Responses {

    private static final AsciiString ALLOW = AsciiString.cached("Allow");
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    private static final String METHODS = "GET, HEAD, OPTIONS";

    private Responses() {}

    /** Status line and headers of a streamed GET; the body follows as it is produced. */
    static HttpResponse downloadStart(HttpHeaders download) {
        return downloadStart(HttpResponseStatus.OK, download);
    }

    /** 200 or 206: status line and headers; the body follows. */
    static HttpResponse downloadStart(HttpResponseStatus status, HttpHeaders download) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, download.copy());
    }

    /** HEAD: the same headers as GET, no body. */
    static FullHttpResponse downloadHead(HttpHeaders download) {
        return downloadHead(HttpResponseStatus.OK, download);
    }

    static FullHttpResponse downloadHead(HttpResponseStatus status, HttpHeaders download) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER, download.copy(),
                EmptyHttpHeaders.INSTANCE);
    }

    /** 416, telling the client the size it should have asked within. */
    static FullHttpResponse rangeNotSatisfiable(long size, boolean head) {
        FullHttpResponse response = error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, head, false);
        response.headers().set(DownloadHeaders.CONTENT_RANGE, "bytes */" + size);
        return response;
    }

    static FullHttpResponse notFound(boolean head) {
        return error(HttpResponseStatus.NOT_FOUND, head, false);
    }

    static FullHttpResponse gone(boolean head) {
        return error(HttpResponseStatus.GONE, head, false);
    }

    /** Answered with {@code Connection: close}: we will not read the rest of whatever this was. */
    static FullHttpResponse badRequest() {
        return error(HttpResponseStatus.BAD_REQUEST, false, true);
    }

    static FullHttpResponse methodNotAllowed() {
        FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, false, true);
        response.headers().set(ALLOW, METHODS);
        return response;
    }

    /** CORS preflight: web clients may HEAD or GET from any origin; no credentials are involved. */
    static FullHttpResponse preflight() {
        HttpHeaders headers = DownloadHeaders.addProtective(new DefaultHttpHeaders());
        headers.set(AsciiString.cached("Access-Control-Allow-Methods"), METHODS);
        headers.set(AsciiString.cached("Access-Control-Allow-Headers"), "Range");
        headers.set(AsciiString.cached("Access-Control-Max-Age"), "600");
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
    }

    private static FullHttpResponse error(HttpResponseStatus status, boolean head, boolean close) {
        byte[] text = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        HttpHeaders headers = DownloadHeaders.addProtective(new DefaultHttpHeaders());
        headers.set(DownloadHeaders.CONTENT_TYPE, "text/plain; charset=us-ascii");
        headers.set(DownloadHeaders.CONTENT_LENGTH, text.length);
        headers.set(DownloadHeaders.CACHE_CONTROL, "no-store");
        if (close) headers.set(CONNECTION, "close");
        ByteBuf body = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(text);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, headers, EmptyHttpHeaders.INSTANCE);
    }
}
