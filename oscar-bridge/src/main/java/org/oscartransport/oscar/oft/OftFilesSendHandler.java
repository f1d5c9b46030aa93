package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.DefaultFileRegion;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of a several-file OFT2 session (oscar.md §8.7), as Miranda or QIP send a folder: for each
 * file a PROMPT (filesLeft counting down, the folder in the name with 0x01 separators), the ACK, the bytes, the
 * receiver's DONE; after the last DONE {@code done} completes and the connection closes. A RESUME is answered
 * with a restart from byte 0; a DONE instead of an ACK skips the file ("already have it"). Plain connections
 * only (zero-copy file regions). Failures as in {@link OftSendHandler}.
 */
public final class OftFilesSendHandler extends ChannelInboundHandlerAdapter {

    /** One file of the session: its OFT name (may contain 0x01 separators), where it is, size and checksum. */
    public record OutgoingFile(String name, Path path, long size, long checksum) {
        public OutgoingFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            if (size < 0 || size > OftSendHandler.MAX_FILE_SIZE) {
                throw new IllegalArgumentException("size out of OFT2 range: " + size);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OftFilesSendHandler.class);

    private enum State { NEW, AWAIT_ACK, AWAIT_RESUME_ACK, SENDING, DONE, FAILED }

    private final byte[] cookie;
    private final List<OutgoingFile> files;
    private final long totalSize;
    private final CompletableFuture<Void> done;
    private final Duration idleTimeout;
    private final OftIdleTimer idleTimer;
    private final OftHeaderReader headerReader = new OftHeaderReader();
    private ChannelHandlerContext ctx;
    private State state = State.NEW;
    private int index;
    private OftHeader prompt;

    public OftFilesSendHandler(byte[] cookie, List<OutgoingFile> files, CompletableFuture<Void> done,
            Duration idleTimeout) {
        if (cookie.length != OftHeader.COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 8 bytes");
        }
        if (files.isEmpty() || files.size() > 0xFFFF) {
            throw new IllegalArgumentException("an OFT session carries 1 to 65535 files, not " + files.size());
        }
        this.cookie = cookie.clone();
        this.files = List.copyOf(files);
        this.totalSize = files.stream().mapToLong(OutgoingFile::size).sum();
        if (totalSize > OftSendHandler.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("several files must total less than 4 GiB (oscar.md §8.8)");
        }
        this.done = Objects.requireNonNull(done, "done");
        this.idleTimeout = idleTimeout;
        this.idleTimer = new OftIdleTimer(idleTimeout, () -> false, this::idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        if (state != State.DONE && state != State.FAILED) {
            fail(new OftTransferException("OFT send handler removed before the transfer ended"));
        }
        idleTimer.stop();
        headerReader.release();
    }

    private void start() {
        if (state != State.NEW) {
            return;
        }
        idleTimer.start(ctx.executor());
        promptFor(0);
    }

    private void promptFor(int i) {
        index = i;
        OutgoingFile file = files.get(i);
        prompt = OftHeader.builder().type(OftFrameType.PROMPT).cookie(cookie).fileName(file.name())
                .totalFiles(files.size()).filesLeft(files.size() - i).totalSize(totalSize)
                .size(file.size()).checksum(file.checksum()).build();
        state = State.AWAIT_ACK;
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
                    sendFile();
                }
            }
            case OftFrameType.RESUME -> {
                if (expect(State.AWAIT_ACK, type)) {
                    state = State.AWAIT_RESUME_ACK; // always from the start: simple, and always correct
                    writeFrame(prompt.toBuilder().type(OftFrameType.RESUME_ACCEPT).receivedBytes(0)
                            .receivedChecksum(OftChecksum.INITIAL).build());
                }
            }
            case OftFrameType.RESUME_ACK -> {
                if (expect(State.AWAIT_RESUME_ACK, type)) {
                    sendFile();
                }
            }
            case OftFrameType.DONE -> {
                if (state == State.AWAIT_ACK || state == State.SENDING) {
                    fileDone();
                } else {
                    expect(null, type);
                }
            }
            default -> expect(null, type);
        }
    }

    private boolean expect(State expected, String type) {
        if (state == expected) {
            return true;
        }
        fail(new OftTransferException("unexpected OFT frame " + type + " while " + state));
        return false;
    }

    private void sendFile() {
        state = State.SENDING;
        OutgoingFile file = files.get(index);
        if (file.size() == 0) {
            return; // DONE follows at once
        }
        var promise = ctx.newProgressivePromise();
        promise.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
                idleTimer.touch();
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture f) {
                failIfNotWritten(f);
            }
        });
        ctx.writeAndFlush(new DefaultFileRegion(file.path().toFile(), 0, file.size()), promise);
    }

    private void fileDone() {
        if (index + 1 < files.size()) {
            promptFor(index + 1);
            return;
        }
        state = State.DONE;
        idleTimer.stop();
        headerReader.release();
        log.debug("OFT send: DONE for all {} files", files.size());
        done.complete(null);
        ctx.close();
    }

    private void writeFrame(OftHeader frame) {
        ctx.writeAndFlush(OftHeaderCodec.encode(frame, ctx.alloc())).addListener(this::failIfNotWritten);
    }

    private void failIfNotWritten(Future<? super Void> f) {
        if (!f.isSuccess()) {
            fail(OftTransferException.connectionLost("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.DONE && state != State.FAILED) {
            fail(OftTransferException.connectionLost("connection closed before the receiver's DONE for file "
                    + (index + 1) + " of " + files.size(), null));
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
        done.completeExceptionally(cause);
        ctx.close();
    }
}
