package org.oscartransport.oscar.oft;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
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
public final class OftSendHandler extends OftSender {

    /** OFT2 sizes are u32 (no 64-bit header exists, §8.8). */
    public static final long MAX_FILE_SIZE = 0xFFFF_FFFFL;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    private static final int TLS_CHUNK_SIZE = 16 * 1024;

    private enum State { NEW, AWAIT_ACK, CHECKING_RESUME, AWAIT_RESUME_ACK, SENDING }

    private final String fileName;
    private final Path file;
    private final OftDataSource source;
    private final long streamSize;
    private final long checksum;
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
        super(cookie, done, idleTimeout);
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.file = file;
        this.source = source;
        this.streamSize = streamSize;
        this.checksum = checksum;
    }

    @Override
    protected String where() {
        return "(" + state + ")";
    }

    @Override
    protected void start() {
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
        log.debug("OFT send: PROMPT {}", prompt);
        writeFrame(prompt);
    }

    @Override
    protected void onFrame(OftHeader frame, String type) {
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

    private boolean expect(State expected, String type) {
        return expect(state == expected, type, state);
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
                    if (!isRunning() || state != State.CHECKING_RESUME) {
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
        writeBody(body);
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
        if (output != null) {
            output.close();
        }
        log.debug("OFT send: DONE after {} bytes", prompt.size());
        finish();
    }

    private void cancelSource(Throwable cause) {
        try {
            source.cancel(cause);
        } catch (RuntimeException e) {
            log.debug("OFT send: data source threw on cancel", e);
        }
    }

    @Override
    protected void onFailed(Throwable cause) {
        if (output != null) {
            output.close();
        }
        if (source != null && !sourceFailed) {
            cancelSource(cause);
        }
    }
}
