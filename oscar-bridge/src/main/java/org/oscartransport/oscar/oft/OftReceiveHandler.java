package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Objects;
import org.oscartransport.splice.ChunkedSplice;
import org.oscartransport.splice.Splice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one OFT2 session (oscar.md §8.3, and §8.7 for several files), on a data connection
 * that is already up — however it was made (direct, reverse or through the proxy). Add it last to the pipeline.
 *
 * <p>A state machine over the raw stream, once per file: wait for the PROMPT (header mode), answer with ACK,
 * pass exactly {@code size} file bytes to the {@link OftDataSink} as retained slices of the buffers the socket
 * produced (data mode, no copy, no accumulation), then send DONE. After the last of the files the proposal
 * announced, the DONE carries the final flag and the connection closes. Bytes after a file's {@code size} are
 * never handed on as that file's. The first PROMPT's cookie is not checked (libpurple sends zeros); the
 * PROMPTs of later files must carry the rendezvous cookie (§8.4).
 *
 * <p>Back-pressure belongs to the sink: it switches the channel's autoRead off and on. This handler never calls
 * {@code read()} itself, so a paused channel stays paused; and it hands each socket read on at once, so it holds
 * no file bytes of its own. Silence while autoRead is off does not count towards the idle timeout.
 *
 * <p>Where the sink names a {@linkplain OftDataSink#spliceTarget() splice target} (a single file, both connections
 * native epoll on one event loop), the file's bytes go from socket to socket inside the kernel in chunks instead
 * of through {@code onData}, all but the last receive buffer's worth ({@link Splice#unsafeTail}); each chunk's
 * end counts as progress for the idle timer. Those bytes are never seen here, so the DONE then carries the peer's
 * own checksum back (peers ignore it anyway, §8.5; TCP guards the bytes), as it does for a sink that wants no
 * checksum.
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
    private final int expectedFiles;
    private final OftHeaderReader headerReader = new OftHeaderReader();
    private OftChecksum checksum = new OftChecksum();
    private int filesDone;
    private final Duration idleTimeout;
    private final OftIdleTimer idleTimer;
    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_PROMPT;
    private OftHeader prompt;
    private long received;
    /** The current file's splice, if it has one: then bytes went past this handler, and no checksum of ours. */
    private ChunkedSplice splice;
    private boolean spliceTried;
    /** The sink wants the current file checksummed. */
    private boolean checksumming;

    public OftReceiveHandler(byte[] cookie, OftDataSink sink) {
        this(cookie, sink, DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long the peer may stay silent (while we are reading) before the transfer fails */
    public OftReceiveHandler(byte[] cookie, OftDataSink sink, Duration idleTimeout) {
        this(cookie, sink, 1, idleTimeout);
    }

    /**
     * @param expectedFiles how many files the proposal announced: the session ends after that many DONEs
     * @param idleTimeout how long the peer may stay silent (while we are reading) before the transfer fails
     */
    public OftReceiveHandler(byte[] cookie, OftDataSink sink, int expectedFiles, Duration idleTimeout) {
        if (cookie.length != OftHeader.COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 8 bytes");
        }
        if (expectedFiles < 1) {
            throw new IllegalArgumentException("expectedFiles must be at least 1: " + expectedFiles);
        }
        this.cookie = cookie.clone();
        this.sink = Objects.requireNonNull(sink, "sink");
        this.expectedFiles = expectedFiles;
        this.idleTimeout = idleTimeout;
        this.idleTimer = new OftIdleTimer(idleTimeout, this::pausedBySink, this::idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!ctx.channel().isOpen()) {
            fail(OftTransferException.connectionLost("data connection closed before the transfer started", null));
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
            spliceIfPossible();
        } catch (Exception e) {
            fail(e);
        } finally {
            in.release();
        }
    }

    /** Hands the rest of the file, a chunk at a time, to the kernel when the sink has a target for it. */
    private void spliceIfPossible() {
        if (state != State.RECEIVING || spliceTried || expectedFiles != 1) {
            return; // one try per file: once a run stops at the tail, the rest comes through channelRead
        }
        spliceTried = true; // asked once per file: a sink's answer does not change while the file flows
        Channel target = sink.spliceTarget();
        if (target == null) {
            return;
        }
        long left = prompt.size() - received;
        splice = ChunkedSplice.startIfPossible(ctx.channel(), target, left, new SpliceProgress());
        if (splice != null) {
            log.debug("OFT receive: splicing up to {} of the {} bytes left of {}",
                    left - Splice.unsafeTail(ctx.channel()), left, prompt.size());
        }
    }

    /** The splice's chunks, on the event loop both channels share. */
    private final class SpliceProgress implements ChunkedSplice.Listener {
        @Override
        public boolean onChunk(int bytes) {
            if (state != State.RECEIVING) {
                return false; // failed meanwhile; the failure was reported then
            }
            received += bytes;
            idleTimer.touch();
            sink.onSpliced(bytes);
            return state == State.RECEIVING;
        }

        @Override
        public void onStopped(Throwable cause) {
            if (cause == null || state != State.RECEIVING) {
                return; // at the tail: the rest comes through channelRead
            }
            fail(OftTransferException.connectionLost(!ctx.channel().isActive()
                    ? "connection closed after " + received + " of " + prompt.size() + " bytes"
                    : "splicing to the download stopped after " + received + " of " + prompt.size() + " bytes",
                    cause));
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
        // also between two files: the end of one may still wait for its flush
        if (state == State.RECEIVING || state == State.AWAIT_PROMPT && filesDone > 0) {
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
        boolean first = filesDone == 0;
        // the first PROMPT's cookie is not checked: libpurple sends zeros there (§8.4)
        if (!first && !header.hasCookie(cookie)) {
            fail(new OftTransferException("OFT PROMPT for file " + (filesDone + 1) + " has a different cookie"));
            return;
        }
        if (first && header.totalFiles() > expectedFiles) {
            log.warn("OFT receive: peer offers {} files in one session; only the {} announced are received",
                    header.totalFiles(), expectedFiles);
        }
        prompt = header;
        received = 0;
        checksumming = sink.wantsChecksum();
        spliceTried = false;
        splice = null;
        checksum = new OftChecksum();
        log.debug("OFT receive: PROMPT {}", header);
        if (first) {
            sink.onStart(ctx.channel(), expectedFiles == 1 ? header.size() : header.totalSize());
        }
        sink.onFileStart(header.fileName(), header.size()); // may refuse the file by throwing
        if (state != State.AWAIT_PROMPT) {
            return; // the sink gave up meanwhile
        }
        OftHeader ack = header.toBuilder().type(OftFrameType.ACK).cookie(cookie).build();
        ctx.writeAndFlush(OftHeaderCodec.encode(ack, ctx.alloc())).addListener(this::failIfNotWritten);
        state = State.RECEIVING;
        if (header.size() == 0) {
            fileReceived(); // a zero-length file: ACK, then DONE at once (§8.3)
        }
    }

    private void onFileBytes(ByteBuf in) {
        int n = (int) Math.min(prompt.size() - received, in.readableBytes());
        ByteBuf data = in.readRetainedSlice(n);
        if (checksumming) {
            checksum.update(data, received); // before the sink may release it
        }
        received += n;
        sink.onData(data);
        if (state == State.RECEIVING && received == prompt.size()) {
            fileReceived();
        }
    }

    /** The current file is complete: DONE for it, then the next PROMPT or, after the last file, the end. */
    private void fileReceived() {
        filesDone++;
        boolean last = filesDone == expectedFiles;
        // spliced or unchecked bytes: the peer's own checksum is all there is to answer with
        boolean checked = checksumming && splice == null;
        long receivedChecksum = checked ? checksum.value() : prompt.checksum();
        if (checked && !OftChecksum.matches(receivedChecksum, prompt.checksum())) {
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
                .flags(last ? OftHeader.FLAG_DONE : prompt.flags()) // Miranda: final flag only on the last (§8.7)
                .build();
        sink.onFileEnd();
        if (!last) {
            if (state == State.RECEIVING) {
                state = State.AWAIT_PROMPT;
                ctx.writeAndFlush(OftHeaderCodec.encode(done, ctx.alloc())).addListener(this::failIfNotWritten);
            }
            return;
        }
        state = State.FINISHED;
        idleTimer.stop();
        ctx.writeAndFlush(OftHeaderCodec.encode(done, ctx.alloc())).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.debug("OFT receive: DONE not delivered (all bytes had arrived)", f.cause());
            }
            f.channel().close(); // the receiver closes after the last DONE (§8.3)
        });
        log.debug("OFT receive: all {} files received", filesDone);
        try {
            sink.onComplete();
        } catch (RuntimeException e) {
            log.warn("OFT receive: sink failed in onComplete", e);
        }
    }

    private void failIfNotWritten(Future<? super Void> f) {
        if (!f.isSuccess()) {
            fail(OftTransferException.connectionLost("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.RECEIVING && splice != null && splice.running()) {
            // the peer left mid-file (splicing stops a receive buffer short of the end): the chunk on its way
            // reports first, then the splice's stop fails the transfer with the count of what got through
            log.debug("OFT receive: peer closed while splicing");
        } else if (state == State.AWAIT_PROMPT || state == State.RECEIVING) {
            fail(OftTransferException.connectionLost(prompt == null
                    ? "connection closed before the OFT PROMPT"
                    : state == State.AWAIT_PROMPT
                    ? "connection closed after " + filesDone + " of " + expectedFiles + " files"
                    : "connection closed after " + received + " of " + prompt.size() + " bytes"
                            + (expectedFiles > 1 ? " of file " + (filesDone + 1) + " of " + expectedFiles : ""), null));
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
        // between files too: a sink may pause at the end of one file, before the next PROMPT is read
        return (state == State.RECEIVING || state == State.AWAIT_PROMPT && filesDone > 0)
                && !ctx.channel().config().isAutoRead();
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
