package org.oscartransport.http.fetch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request and completes with the response's status line and headers, then closes the connection:
 * a probe's GET fallback never reads the body it asked for.
 */
final class HeadersOnlyExchange extends ChannelInboundHandlerAdapter {

    private final FullHttpRequest request;
    private final CompletableFuture<HttpResponse> response = new CompletableFuture<>();

    HeadersOnlyExchange(FullHttpRequest request) {
        this.request = request;
    }

    CompletableFuture<HttpResponse> response() {
        return response;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            request.release();
            fail(ctx, new FetchFailedException("connection closed before the request"));
            return;
        }
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) fail(ctx, f.cause());
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse head && !response.isDone() && !ResponseHeads.isInterim(head)) {
                if (head.decoderResult().isFailure()) {
                    fail(ctx, new DecoderException(head.decoderResult().cause()));
                } else {
                    response.complete(head); // the head is not reference-counted: safe to keep
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg); // body pieces are never wanted here
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new FetchFailedException("connection closed before a response"));
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (response.completeExceptionally(cause)) ctx.close();
    }
}
