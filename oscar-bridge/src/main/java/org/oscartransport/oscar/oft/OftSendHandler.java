package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of one single-file OFT2 transfer (oscar.md §8.3, §8.6), on a data connection that is
 * already up, however it was made (direct, reverse or through the proxy). Add it last to the pipeline.
 *
 * <p>Sends the PROMPT at once, waits for ACK (or RESUME → RESUME ACCEPT → RESUME ACK), sends the file with
 * zero-copy {@link DefaultFileRegion} (or {@link ChunkedNioFile} when TLS is in the pipeline), then waits for
 * DONE, completes {@code done} and closes. Or, for bytes that are not in a local file, starts an
 * {@link OftDataSource} after the ACK and writes what it produces. Every frame from the peer must carry our
 * cookie. EOF, an unexpected frame, the idle timeout or any exception before DONE fails {@code done} and closes
 * the channel. Cancelling {@code done} from outside closes the channel.
 */
public final class OftSendHandler extends ChannelInboundHandlerAdapter {

    /** OFT2 sizes are u32 (no 64-bit header exists, §8.8). */
    public static final long MAX_FILE_SIZE = 0xFFFF_FFFFL;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger log = LoggerFactory.getLogger(OftSendHandler.class);
    private static final int TLS_CHUNK_SIZE = 16 * 1024;

    private enum State { NEW, AWAIT_ACK, CHECKING_RESUME, AWAIT_RESUME_ACK, SENDING, DONE, FAILED }

    private final byte[] cookie;
    private final String fileName;
    private final Path file;
    private final OftDataSource source;
    private final long streamSize;
    private final long checksum;
    private final CompletableFuture<Void> done;
    private final Duration idleTimeout;
    private final OftIdleTimer idleTimer;
    private final OftHeaderReader headerReader = new OftHeaderReader();
    private ChannelHandlerContext ctx;
    private State state = State.NEW;
    private OftHeader prompt;
    private long resumeOffset;
    private OftStreamOutput output;
    private boolean sourceFailed;

    /**
     * @param checksum the whole file's {@link OftChecksum}, computed beforehand (it is blocking)
     * @param done completes when the receiver's DONE arrives; fails on any error; cancel it to abort
     */
    public OftSendHandler(byte[] cookie, String fileName, Path file, long checksum, CompletableFuture<Void> done) {
        this(cookie, fileName, file, checksum, done, DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long the connection may see neither incoming frames nor outgoing progress */
    public OftSendHandler(byte[] cookie, String fileName, Path file, long checksum, CompletableFuture<Void> done,
            Duration idleTimeout) {
        this(cookie, fileName, Objects.requireNonNull(file, "file"), null, -1, checksum, done, idleTimeout);
    }

    /**
     * Sends {@code size} bytes produced by {@code source}, started after the receiver's ACK. The PROMPT carries
     * {@link OftChecksum#INITIAL} as checksum: a stream's checksum is unknown before its last byte, and
     * receivers only log a mismatch (oscar.md §8.5). A RESUME is answered with a restart from byte 0.
     * {@code source.cancel} is called when the transfer ends any other way than DONE or the source's own fail.
     */
    public OftSendHandler(byte[] cookie, String fileName, long size, OftDataSource source,
            CompletableFuture<Void> done, Duration idleTimeout) {
        this(cookie, fileName, null, Objects.requireNonNull(source, "source"), size, OftChecksum.INITIAL, done,
                idleTimeout);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    private OftSendHandler(byte[] cookie, String fileName, Path file, OftDataSource source, long streamSize,
            long checksum, CompletableFuture<Void> done, Duration idleTimeout) {
        if (cookie.length != OftHeader.COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 8 bytes");
        }
        this.cookie = cookie.clone();
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.file = file;
        this.source = source;
        this.streamSize = streamSize;
        this.checksum = checksum;
        this.done = Objects.requireNonNull(done, "done");
        this.idleTimeout = idleTimeout;
        this.idleTimer = new OftIdleTimer(idleTimeout, () -> false, this::idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // someone who gives up on the transfer (CANCEL from the peer, user abort) just cancels the future
        done.whenComplete((ignored, error) -> ctx.channel().close());
        if (ctx.channel().isActive()) {
            start();
        } else if (!ctx.channel().isOpen()) {
            fail(OftTransferException.connectionLost("data connection closed before the transfer started", null));
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // taken out mid-transfer: whoever waits on done must still hear how it ended
        if (isRunning() || state == State.NEW) {
            fail(new OftTransferException("OFT send handler removed before the transfer ended"));
        }
        idleTimer.stop();
        headerReader.release();
    }

    private void start() {
        if (state != State.NEW) {
            return;
        }
        long size = streamSize;
        if (file != null) {
            try {
                size = Files.size(file);
            } catch (IOException e) {
                fail(new OftTransferException("cannot read the file to send", e));
                return;
            }
        }
        if (size > MAX_FILE_SIZE) {
            fail(new OftTransferException("file is " + size + " bytes; OFT2 can send at most 4 GiB - 1 bytes"
                    + " (its headers have no 64-bit size)"));
            return;
        }
        prompt = OftHeader.prompt(cookie, fileName, size, checksum);
        state = State.AWAIT_ACK;
        idleTimer.start(ctx.executor());
        log.debug("OFT send: PROMPT {}", prompt);
        writeFrame(prompt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        idleTimer.touch();
        try {
            while (in.isReadable() && isRunning()) {
                OftHeader frame = headerReader.read(in, ctx.alloc());
                if (frame == null) {
                    break;
                }
                onFrame(frame);
            }
        } catch (Exception e) {
            fail(e);
        } finally {
            in.release();
        }
    }

    private void onFrame(OftHeader frame) {
        String type = OftFrameType.describe(frame.type());
        if (!frame.hasCookie(cookie)) {
            fail(new OftTransferException("OFT peer answered " + type + " with a different cookie"));
            return;
        }
        switch (frame.type()) {
            case OftFrameType.ACK -> {
                if (expect(State.AWAIT_ACK, type)) {
                    sendFrom(0);
                }
            }
            case OftFrameType.RESUME -> {
                if (expect(State.AWAIT_ACK, type)) {
                    onResume(frame);
                }
            }
            case OftFrameType.RESUME_ACK -> {
                if (expect(State.AWAIT_RESUME_ACK, type)) {
                    sendFrom(resumeOffset);
                }
            }
            case OftFrameType.DONE -> onDone(frame);
            default -> expect(null, type);
        }
    }

    /** Fails the transfer unless we are in {@code expected}. */
    private boolean expect(State expected, String type) {
        if (state == expected) {
            return true;
        }
        fail(new OftTransferException("unexpected OFT frame " + type + " while " + state));
        return false;
    }

    private void onResume(OftHeader resume) {
        long have = resume.receivedBytes();
        if (have == 0 || have > prompt.size() || source != null) {
            // a stream cannot be checked against, nor rewound: start over
            acceptResume(0, OftChecksum.INITIAL);
            return;
        }
        state = State.CHECKING_RESUME;
        // reading up to 4 GiB of our file must not block the event loop
        CompletableFuture.supplyAsync(() -> prefixChecksum(have), ForkJoinPool.commonPool())
                .whenComplete((ours, error) -> ctx.executor().execute(() -> {
                    if (state != State.CHECKING_RESUME) {
                        return;
                    }
                    if (error != null) {
                        log.debug("OFT send: cannot check the resume checksum, restarting", error);
                    }
                    boolean same = error == null && OftChecksum.matches(ours, resume.receivedChecksum());
                    acceptResume(same ? have : 0, same ? resume.receivedChecksum() : OftChecksum.INITIAL);
                }));
    }

    private long prefixChecksum(long length) {
        try {
            return OftChecksum.of(file, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptResume(long offset, long receivedChecksum) {
        log.debug("OFT send: resuming at {} of {}", offset, prompt.size());
        resumeOffset = offset;
        state = State.AWAIT_RESUME_ACK;
        writeFrame(prompt.toBuilder()
                .type(OftFrameType.RESUME_ACCEPT)
                .receivedBytes(offset)
                .receivedChecksum(receivedChecksum)
                .resourceForkReceivedChecksum(OftChecksum.INITIAL)
                .build());
    }

    private void sendFrom(long offset) {
        state = State.SENDING;
        long count = prompt.size() - offset;
        if (count == 0) {
            return; // nothing to send: DONE follows
        }
        if (source != null) {
            startSource();
            return;
        }
        Object body;
        try {
            body = fileBody(offset, count);
        } catch (IOException e) {
            fail(new OftTransferException("cannot read the file to send", e));
            return;
        }
        ChannelProgressivePromise promise = ctx.newProgressivePromise();
        promise.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
                idleTimer.touch(); // a slow but moving receiver is not idle
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture f) {
                failIfNotWritten(f);
            }
        });
        ctx.writeAndFlush(body, promise);
    }

    private void startSource() {
        output = new OftStreamOutput(ctx, prompt.size(), new OftStreamOutput.Events() {
            @Override
            public void onWritten() {
                idleTimer.touch();
            }

            @Override
            public void onWriteFailed(Throwable cause) {
                fail(cause);
            }

            @Override
            public void onSourceComplete(long bytesWritten) {
                if (bytesWritten != prompt.size() && isRunning()) {
                    sourceFailed = true; // the source thinks it is done: nothing to cancel
                    fail(new OftTransferException("data source completed after " + bytesWritten + " of "
                            + prompt.size() + " bytes"));
                }
            }

            @Override
            public void onSourceFailed(Throwable cause) {
                if (isRunning()) {
                    sourceFailed = true;
                    fail(new OftTransferException("data source failed: " + cause.getMessage(), cause));
                }
            }
        });
        try {
            source.start(output);
        } catch (RuntimeException e) {
            sourceFailed = true;
            fail(new OftTransferException("data source failed to start: " + e.getMessage(), e));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (output != null) {
            output.writabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Zero-copy sendfile, unless TLS sits below us and needs the bytes in user space. */
    private Object fileBody(long offset, long count) throws IOException {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            return new DefaultFileRegion(file.toFile(), offset, count);
        }
        if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
            ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ChunkedNioFile(channel, offset, count, TLS_CHUNK_SIZE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void onDone(OftHeader frame) {
        if (frame.receivedBytes() != prompt.size()) {
            // "I already have it" or a partial DONE: libpurple counts both as complete, so do we
            log.info("OFT send: receiver reported {} of {} bytes in DONE", frame.receivedBytes(), prompt.size());
        }
        state = State.DONE;
        if (output != null) {
            output.close();
        }
        idleTimer.stop();
        headerReader.release();
        log.debug("OFT send: DONE after {} bytes", prompt.size());
        done.complete(null);
        ctx.close();
    }

    private void writeFrame(OftHeader frame) {
        // one write per header: AIM 6.1 aborted on headers split across segments (§8.10)
        ctx.writeAndFlush(OftHeaderCodec.encode(frame, ctx.alloc())).addListener(this::failIfNotWritten);
    }

    private void failIfNotWritten(Future<? super Void> f) {
        if (!f.isSuccess()) {
            fail(OftTransferException.connectionLost("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (isRunning() || state == State.NEW) {
            fail(OftTransferException.connectionLost("connection closed before the receiver's DONE (" + state + ")",
                    null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isRunning()) {
            log.debug("OFT send: error after the transfer ended", cause);
            return;
        }
        fail(cause);
    }

    private void cancelSource(Throwable cause) {
        try {
            source.cancel(cause);
        } catch (RuntimeException e) {
            log.debug("OFT send: data source threw on cancel", e);
        }
    }

    private boolean isRunning() {
        return state != State.NEW && state != State.DONE && state != State.FAILED;
    }

    private void idleTimeout() {
        fail(new OftTransferException("OFT connection idle for " + idleTimeout.toMillis() + " ms (" + state + ")"));
    }

    private void fail(Throwable cause) {
        if (state == State.DONE || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        idleTimer.stop();
        headerReader.release();
        log.info("OFT send failed: {}", cause.toString());
        if (output != null) {
            output.close();
        }
        if (source != null && !sourceFailed) {
            cancelSource(cause);
        }
        done.completeExceptionally(cause);
        ctx.close();
    }
}
