package org.oscartransport.http.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.oscartransport.splice.ChunkedSplice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the GET for a probed file and hands the body to a {@link FetchSink} piece by piece, as the decoder
 * slices it from the socket's buffers: nothing is copied or gathered. Enforces what the probe announced and the
 * size limit as bytes arrive, and makes sure the sink hears exactly one ending.
 *
 * <p>Where the sink names a {@linkplain FetchSink#spliceTarget() splice target}, a plain-HTTP body of known length
 * that is not chunked goes from socket to socket in the kernel instead, all but its last receive buffer's worth;
 * the decoder then sees only that tail, so the body ends when the count says so, not when the decoder does.
 */
final class BodyRelay extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BodyRelay.class);

    private final FullHttpRequest request;
    private final FetchTarget target;
    private final long probedSize;
    private final long maxSize;
    private final FetchSink sink;

    private long expected = -1;
    private long received;
    private boolean started;
    private boolean ended;
    /** The body's framing leaves its bytes as they are on the wire: no chunks. */
    private boolean rawBody;
    private boolean spliceTried;
    /** The body's splice, if it has one: then the decoder never sees the spliced bytes. */
    private ChunkedSplice splice;


    BodyRelay(FullHttpRequest request, FetchTarget target, long probedSize, long maxSize, FetchSink sink) {
        this.request = request;
        this.target = target;
        this.probedSize = probedSize;
        this.maxSize = maxSize;
        this.sink = sink;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            request.release();
            fail(ctx, new FetchFailedException("connection to " + target.origin() + " closed before the request"));
            return;
        }
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) fail(ctx, f.cause());
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ended) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpResponse head) {
            if (ResponseHeads.isInterim(head)) {
                ReferenceCountUtil.release(head);
            } else {
                onHead(ctx, head);
            }
        } else if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpResponse head) {
        ReferenceCountUtil.release(head); // a plain head holds no buffer; a full one would be refused below anyway
        if (head.decoderResult().isFailure()) {
            fail(ctx, new DecoderException(head.decoderResult().cause()));
            return;
        }
        int status = head.status().code();
        if (ResponseHeads.isGone(status)) {
            fail(ctx, new FetchNotFoundException(target.origin() + " answered " + status));
            return;
        }
        if (status != 200) {
            fail(ctx, new FetchFailedException(target.origin() + " answered " + status
                    + (ResponseHeads.isRedirect(status) ? " (it moved since the probe)" : "")));
            return;
        }
        if (ResponseHeads.isEncoded(head.headers())) {
            fail(ctx, new FetchFailedException(target.origin() + " sent a content-encoded body"));
            return;
        }
        long length = ResponseHeads.contentLength(head);
        if (probedSize >= 0 && length >= 0 && length != probedSize) {
            fail(ctx, new FetchFailedException("the file changed: " + probedSize + " bytes when probed, "
                    + length + " now"));
            return;
        }
        expected = probedSize >= 0 ? probedSize : length;
        if (expected > maxSize) {
            fail(ctx, new FetchRefusedException("too large: " + expected + " bytes, the limit is " + maxSize));
            return;
        }
        started = true;
        rawBody = !HttpUtil.isTransferEncodingChunked(head);
        sink.onStart(ctx.channel(), expected);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!started || content.decoderResult().isFailure()) {
            content.release();
            fail(ctx, content.decoderResult().isFailure()
                    ? new DecoderException(content.decoderResult().cause())
                    : new FetchFailedException("body before the response head"));
            return;
        }
        ByteBuf data = content.content();
        received += data.readableBytes();
        if (expected >= 0 && received > expected) {
            content.release();
            fail(ctx, new FetchFailedException("more bytes than the " + expected + " announced"));
            return;
        }
        if (received > maxSize) {
            content.release();
            fail(ctx, new FetchRefusedException("too large: more than the limit of " + maxSize + " bytes"));
            return;
        }
        if (data.isReadable()) {
            sink.onData(data); // the content's one reference goes with it
        } else {
            content.release();
        }
        // after a splice the decoder still waits for the spliced bytes: the count ends the body
        if (content instanceof LastHttpContent || splice != null && received == expected) {
            if (expected >= 0 && received != expected) {
                fail(ctx, new FetchFailedException("body ended after " + received + " of " + expected + " bytes"));
            } else {
                ended = true;
                ctx.close();
                sink.onComplete();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (started && !ended) {
            sink.onReadBatchComplete();
            spliceIfPossible(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    /** Between reads, so the decoder holds none of the body: it has passed on all it read. */
    private void spliceIfPossible(ChannelHandlerContext ctx) {
        if (spliceTried || ended || expected < 0 || !rawBody || ctx.pipeline().get(SslHandler.class) != null) {
            return;
        }
        spliceTried = true; // asked once: one run, and once it stops at the tail the rest comes through the decoder
        Channel to = sink.spliceTarget();
        if (to == null) {
            return;
        }
        splice = ChunkedSplice.startIfPossible(ctx.channel(), to, expected - received, new SpliceProgress(ctx));
        if (splice != null) {
            log.debug("splicing the body from {}: {} of {} bytes left", target.origin(), expected - received, expected);
        }
    }

    /** The splice's chunks, on the event loop both channels share. */
    private final class SpliceProgress implements ChunkedSplice.Listener {
        private final ChannelHandlerContext ctx;

        SpliceProgress(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public boolean onChunk(int bytes) {
            if (ended) {
                return false;
            }
            received += bytes;
            ctx.pipeline().fireUserEventTriggered(ReadTimeoutGuard.BYTES_SPLICED);
            sink.onSpliced(bytes);
            return !ended;
        }

        @Override
        public void onStopped(Throwable cause) {
            if (cause != null && !ended) {
                fail(ctx, !ctx.channel().isActive() ? closedAfter() : cause);
            }
        }
    }

    private FetchFailedException closedAfter() {
        return new FetchFailedException("connection to " + target.origin() + " closed after " + received
                + (expected >= 0 ? " of " + expected : "") + " bytes");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (splice == null || !splice.running() || ended) {
            fail(ctx, closedAfter());
        } // else the chunk on its way reports first, then the splice's stop fails the body with the count
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (ended) return;
        ended = true;
        ctx.close();
        FetchException failure = Failures.classify(cause, target);
        log.debug("body from {} failed after {} bytes: {}", target.origin(), received, failure.getMessage());
        sink.onFailure(failure);
    }
}
