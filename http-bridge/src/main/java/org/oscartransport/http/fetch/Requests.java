package org.oscartransport.http.fetch;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The requests a fetch sends. One request per connection ({@code Connection: close}): a probe and a transfer
 * are minutes apart, so there is nothing to reuse. {@code Accept-Encoding: identity} because the body must
 * arrive as the file's own bytes, with the length the probe announced.
 */
final class Requests {

    private Requests() {}

    static FullHttpRequest of(HttpMethod method, FetchTarget target, String userAgent) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target.requestTarget(),
                Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = request.headers();
        headers.set("Host", target.hostHeader());
        headers.set("User-Agent", userAgent);
        headers.set("Accept", "*/*");
        headers.set("Accept-Encoding", "identity");
        headers.set("Connection", "close");
        return request;
    }
}
