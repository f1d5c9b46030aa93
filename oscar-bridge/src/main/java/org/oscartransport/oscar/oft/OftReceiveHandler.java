package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one single-file OFT2 transfer (oscar.md §8.3), on a data connection that is already
 * up — however it was made (direct, reverse or through the proxy). Add it last to the pipeline.
 *
 * <p>A state machine over the raw stream: wait for the PROMPT (header mode), answer with ACK, pass exactly
 * {@code size} file bytes to the {@link OftDataSink} as retained slices of the buffers the socket produced
 * (data mode, no copy, no accumulation), then send DONE and close. Bytes after {@code size} are never handed
 * on.
 *
 * <p>Back-pressure belongs to the sink: it switches the channel's autoRead off and on. This handler never calls
 * {@code read()} itself, so a paused channel stays paused; and it hands each socket read on at once, so it holds
 * no file bytes of its own. Silence while autoRead is off does not count towards the idle timeout.
 *
 * <p>Failures (EOF before the last byte, a malformed or unexpected frame, the idle timeout, any exception in
 * the pipeline) call {@link OftDataSink#onFailure} exactly once and close the channel; nothing propagates
 * further down the pipeline. Once every byte has arrived the transfer has succeeded, even if DONE cannot be
 * written (libpurple's sender may already be gone, §12.4).
 */
public final class OftReceiveHandler extends ChannelInboundHandlerAdapter {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger log = LoggerFactory.getLogger(OftReceiveHandler.class);

    private enum State { AWAIT_PROMPT, RECEIVING, FINISHED, FAILED }

    private final byte[] cookie;
    private final OftDataSink sink;
    private final OftHeaderReader headerReader = new OftHeaderReader();
    private final OftChecksum checksum = new OftChecksum();
    private final Duration idleTimeout;
    private final OftIdleTimer idleTimer;
    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_PROMPT;
    private OftHeader prompt;
    private long received;

    public OftReceiveHandler(byte[] cookie, OftDataSink sink) {
        this(cookie, sink, DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long the peer may stay silent (while we are reading) before the transfer fails */
    public OftReceiveHandler(byte[] cookie, OftDataSink sink, Duration idleTimeout) {
        if (cookie.length != OftHeader.COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 8 bytes");
        }
        this.cookie = cookie.clone();
        this.sink = Objects.requireNonNull(sink, "sink");
        this.idleTimeout = idleTimeout;
        this.idleTimer = new OftIdleTimer(idleTimeout, this::pausedBySink, this::idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!ctx.channel().isOpen()) {
            fail(new OftTransferException("data connection closed before the transfer started"));
            return;
        }
        // Until onStart nobody else may throttle this connection, and the PROMPT has to be read.
        ctx.channel().config().setAutoRead(true);
        idleTimer.start(ctx.executor());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // taken out mid-transfer: the sink must still hear how it ended
        if (state == State.AWAIT_PROMPT || state == State.RECEIVING) {
            fail(new OftTransferException("OFT receive handler removed before the transfer ended"));
        }
        idleTimer.stop();
        headerReader.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        idleTimer.touch();
        try {
            consume(in);
        } catch (Exception e) {
            fail(e);
        } finally {
            in.release();
        }
    }

    private void consume(ByteBuf in) {
        while (in.isReadable()) {
            switch (state) {
                case AWAIT_PROMPT -> {
                    OftHeader header = headerReader.read(in, ctx.alloc());
                    if (header == null) {
                        return;
                    }
                    onPrompt(header);
                }
                case RECEIVING -> onFileBytes(in);
                case FINISHED, FAILED -> {
                    // the transfer is over; whatever the peer still sends is not ours to pass on
                    log.debug("OFT receive: discarding {} bytes after the transfer ended", in.readableBytes());
                    in.skipBytes(in.readableBytes());
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.RECEIVING) {
            try {
                sink.onReadBatchComplete();
            } catch (RuntimeException e) {
                fail(e);
            }
        }
        ctx.fireChannelReadComplete();
    }

    private void onPrompt(OftHeader header) {
        if (header.type() != OftFrameType.PROMPT) {
            fail(new OftTransferException("expected an OFT PROMPT, got " + OftFrameType.describe(header.type())));
            return;
        }
        // the first PROMPT's cookie is not checked: libpurple sends zeros there (§8.4)
        prompt = header;
        if (header.totalFiles() > 1) {
            log.warn("OFT receive: peer offers {} files in one session; only the first is received",
                    header.totalFiles());
        }
        log.debug("OFT receive: PROMPT {}", header);
        OftHeader ack = header.toBuilder().type(OftFrameType.ACK).cookie(cookie).build();
        ctx.writeAndFlush(OftHeaderCodec.encode(ack, ctx.alloc())).addListener(this::failIfNotWritten);
        state = State.RECEIVING;
        sink.onStart(ctx.channel(), header.size());
        if (state == State.RECEIVING && received == header.size()) {
            finish();
        }
    }

    private void onFileBytes(ByteBuf in) {
        int n = (int) Math.min(prompt.size() - received, in.readableBytes());
        ByteBuf data = in.readRetainedSlice(n);
        checksum.update(data, received); // before the sink may release it
        received += n;
        sink.onData(data);
        if (state == State.RECEIVING && received == prompt.size()) {
            finish();
        }
    }

    private void finish() {
        state = State.FINISHED;
        idleTimer.stop();
        long receivedChecksum = checksum.value();
        if (!OftChecksum.matches(receivedChecksum, prompt.checksum())) {
            // peers ignore checksums too (ICQ 6, §8.5); a mismatch is worth a line, not a failed transfer
            log.info("OFT receive: checksum mismatch for {} bytes: peer said 0x{}, data gives 0x{}", received,
                    Long.toHexString(prompt.checksum()), Long.toHexString(receivedChecksum));
        }
        OftHeader done = prompt.toBuilder()
                .type(OftFrameType.DONE)
                .cookie(cookie)
                .receivedBytes(received)
                .receivedChecksum(receivedChecksum)
                .resourceForkReceivedChecksum(OftChecksum.INITIAL)
                .flags(OftHeader.FLAG_DONE)
                .build();
        ctx.writeAndFlush(OftHeaderCodec.encode(done, ctx.alloc())).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.debug("OFT receive: DONE not delivered (all bytes had arrived)", f.cause());
            }
            f.channel().close(); // the receiver closes after the last DONE (§8.3)
        });
        log.debug("OFT receive: all {} bytes received", received);
        try {
            sink.onComplete();
        } catch (RuntimeException e) {
            log.warn("OFT receive: sink failed in onComplete", e);
        }
    }

    private void failIfNotWritten(Future<? super Void> f) {
        if (!f.isSuccess()) {
            fail(new OftTransferException("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.AWAIT_PROMPT || state == State.RECEIVING) {
            fail(new OftTransferException(prompt == null
                    ? "connection closed before the OFT PROMPT"
                    : "connection closed after " + received + " of " + prompt.size() + " bytes"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.FINISHED || state == State.FAILED) {
            log.debug("OFT receive: error after the transfer ended", cause);
            return;
        }
        fail(cause);
    }

    private boolean pausedBySink() {
        return state == State.RECEIVING && !ctx.channel().config().isAutoRead();
    }

    private void idleTimeout() {
        fail(new OftTransferException("OFT peer silent for " + idleTimeout.toMillis() + " ms"));
    }

    private void fail(Throwable cause) {
        if (state == State.FINISHED || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        idleTimer.stop();
        headerReader.release();
        log.info("OFT receive failed after {} bytes: {}", received, cause.toString());
        try {
            sink.onFailure(cause);
        } catch (RuntimeException e) {
            log.warn("OFT receive: sink failed in onFailure", e);
        }
        ctx.close();
    }
}
