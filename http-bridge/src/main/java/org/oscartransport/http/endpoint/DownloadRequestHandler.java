package org.oscartransport.http.endpoint;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one connection to an endpoint. Order of checks: malformed (400), method (405, the
 * same on every path so it says nothing about tokens), path (404, the same for every miss), then the file.
 */
final class DownloadRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DownloadRequestHandler.class);

    private final EndpointResolver endpoints;
    /** This connection's response whose body is still going, if it has one. */
    private InFlightResponse stream;
    /** A request pipelined behind the stream: we close after the stream rather than answer it. */
    private boolean closeAfterStream;

    DownloadRequestHandler(EndpointResolver endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        endpoints.connected(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                if (stream != null && stream.isOpen()) {
                    closeAfterStream = true; // RFC 9112 §9.3.2: the client retries it on a new connection
                } else if (!closeAfterStream) {
                    answer(ctx, request);
                }
            } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
                ctx.close(); // a broken request body: the decoder discards the rest, nothing more can be read
            }
            // Request bodies are never used: dropped here.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            log.debug("malformed request: {}", request.decoderResult().cause().toString());
            ctx.writeAndFlush(Responses.badRequest()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        if (!head && !HttpMethod.GET.equals(method) && !HttpMethod.OPTIONS.equals(method)) {
            ctx.writeAndFlush(Responses.methodNotAllowed()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        HttpTransferEndpoint endpoint = endpoints.resolve(request.uri());
        if (endpoint == null) {
            logMiss(request);
            ctx.writeAndFlush(Responses.notFound(head));
            return;
        }
        if (HttpMethod.OPTIONS.equals(method)) {
            ctx.writeAndFlush(Responses.preflight());
        } else {
            // On the shared listener the endpoint holds the connection only while its response is being sent.
            boolean shared = endpoints.sharesConnections();
            if (shared) endpoint.track(ctx.channel());
            InFlightResponse response = endpoint.answer(ctx, request, head, () -> {
                if (shared) endpoint.untrack(ctx.channel());
                if (closeAfterStream) ctx.close();
            });
            if (response != null) {
                stream = response;
            } else if (shared) {
                endpoint.untrack(ctx.channel());
            }
        }
    }

    /** Behind a proxy the forwarded-for address is the interesting one; only logged, never trusted for URLs. */
    private static void logMiss(HttpRequest request) {
        if (log.isDebugEnabled()) {
            log.debug("404 for a {} request (forwarded for {})", request.method(),
                    request.headers().get("X-Forwarded-For", "-"));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stream != null) stream.writabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stream != null) stream.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // Idle keep-alive connections go; a stream waiting on a slow source does not.
        if (event instanceof IdleStateEvent && (stream == null || !stream.isOpen())) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
