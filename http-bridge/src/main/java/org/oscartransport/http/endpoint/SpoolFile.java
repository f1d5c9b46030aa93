package org.oscartransport.http.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoop;
import io.netty.channel.FileRegion;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One transfer's copy on disk, written as the source produces it. Writes run on a writer thread, never on an event
 * loop: a page-cache copy is usually cheap, but a busy disk can block for long, and the loop serves every endpoint.
 * What is queued for the writer is bounded by water marks like a channel's; {@link #hasRoom()} tells the source
 * to pause, so a disk slower than the network slows the source rather than filling memory.
 *
 * <p>{@link #length()} only counts bytes already in the file, so readers never ask for more than is there. Events
 * reach the {@link Listener} on the endpoint's event loop.
 */
final class SpoolFile {

    /*
     * At most this much may wait for the writer (pooled direct memory, not heap). At 64 KiB the source stopped
     * for the writer thread every read or two and spooled downloads ran at 0.6x socat in the bench; at 256 KiB
     * both threads stay busy (about 0.9x), and 200 spooling transfers hold at most 50 MiB between them.
     */
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 128 * 1024;

    interface Listener {
        /** More bytes are in the file. Coalesced: one call may stand for many writes. */
        void progressed();

        /** The writer caught up after {@link #hasRoom()} said no. */
        void drained();

        /** Every byte is in the file. */
        void completed();

        /** Writing failed; the file is already deleted. */
        void failed(Throwable cause);
    }

    private enum State { GROWING, COMPLETE, FAILED, DELETED }

    private final Path path;
    private final FileChannel out;
    /** Shared by every follower: transferTo is positional, so they do not disturb each other. */
    private final FileChannel in;
    private final Executor writer;
    private final EventLoop loop;
    private final Listener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.GROWING);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicBoolean progressPosted = new AtomicBoolean();
    private volatile boolean blocked;
    private volatile long length;

    private SpoolFile(Path path, FileChannel out, FileChannel in, Executor writer, EventLoop loop,
            Listener listener) {
        this.path = path;
        this.out = out;
        this.in = in;
        this.writer = writer;
        this.loop = loop;
        this.listener = listener;
    }

    static SpoolFile create(SpoolStore store, Executor writerPool, EventLoop loop, Listener listener)
            throws IOException {
        return open(store.newFile(), writerPool, loop, listener);
    }

    /** A spool at {@code path}, an existing empty file (or a link to one: tests use /dev/full). */
    static SpoolFile open(Path path, Executor writerPool, EventLoop loop, Listener listener) throws IOException {
        FileChannel out = null;
        try {
            out = FileChannel.open(path, StandardOpenOption.WRITE);
            FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
            return new SpoolFile(path, out, in, new SerialExecutor(writerPool), loop, listener);
        } catch (IOException e) {
            if (out != null) out.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Queues {@code data} for the file; takes ownership. Any thread. */
    void append(ByteBuf data) {
        int n = data.readableBytes();
        backlog.addAndGet(n);
        submit(() -> writeOut(data, n), () -> {
            data.release();
            backlog.addAndGet(-n);
        });
    }

    /** Whether the writer can take more now; if not, {@link Listener#drained()} follows. Any thread. */
    boolean hasRoom() {
        if (backlog.get() < HIGH_WATER) return true;
        blocked = true;
        // Check again: the writer may have drained between the first look and the flag.
        return backlog.get() < HIGH_WATER;
    }

    /** The source is done: once the queued writes are in the file, it is complete. */
    void finish() {
        submit(() -> {
            if (state.compareAndSet(State.GROWING, State.COMPLETE)) {
                closeQuietly();
                loop.execute(listener::completed);
            }
        }, () -> { });
    }

    /** Deletes the file (it may still be growing: pending writes are dropped). Idempotent, any thread. */
    void delete() {
        State before = state.getAndSet(State.DELETED);
        if (before == State.DELETED || before == State.FAILED) return;
        closeQuietly();
        closeReader();
        deleteQuietly();
    }

    /** Bytes already in the file. */
    long length() {
        return length;
    }

    boolean isComplete() {
        return state.get() == State.COMPLETE;
    }

    /**
     * A zero-copy region of the file; the caller keeps within {@link #length()}. Regions share one read channel,
     * which stays open until the spool is deleted; a region still in flight then fails, cutting its response.
     */
    FileRegion region(long position, long count) {
        return new SharedChannelRegion(in, position, count);
    }

    /**
     * The same bytes as {@link #region}, read into buffers chunk by chunk, for connections where sendfile cannot
     * go (TLS). Also shares the read channel.
     */
    ChunkedNioFile chunks(long position, long count) throws IOException {
        return new SharedChannelChunks(in, position, count);
    }

    File file() {
        return path.toFile();
    }

    private void writeOut(ByteBuf data, int n) {
        try {
            if (state.get() != State.GROWING) return;
            ByteBuffer[] buffers = data.nioBuffers();
            long remaining = n;
            while (remaining > 0) remaining -= out.write(buffers);
            length += n; // only this writer thread changes it
            if (progressPosted.compareAndSet(false, true)) {
                loop.execute(() -> {
                    progressPosted.set(false);
                    listener.progressed();
                });
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            data.release();
            long left = backlog.addAndGet(-n);
            if (blocked && left <= LOW_WATER) {
                blocked = false;
                loop.execute(listener::drained);
            }
        }
    }

    private void submit(Runnable write, Runnable onRejected) {
        try {
            writer.execute(write);
        } catch (RejectedExecutionException e) {
            onRejected.run();
            fail(e);
        }
    }

    private void fail(Throwable cause) {
        if (!state.compareAndSet(State.GROWING, State.FAILED)) return;
        closeQuietly();
        closeReader();
        deleteQuietly();
        loop.execute(() -> listener.failed(cause));
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to write, and the file is going or complete
        }
    }

    private void closeReader() {
        try {
            in.close();
        } catch (IOException ignored) {
            // only reads were open
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover is deleted at the next start
        }
    }

    /** A region that leaves the shared channel open when it is released. */
    private static final class SharedChannelRegion extends DefaultFileRegion {
        SharedChannelRegion(FileChannel file, long position, long count) {
            super(file, position, count);
        }

        @Override
        protected void deallocate() {
            // the spool closes the channel when it is deleted
        }
    }

    /** Chunks that leave the shared channel open when the chunked writer closes them. */
    private static final class SharedChannelChunks extends ChunkedNioFile {
        /** One TLS record's worth of plaintext per chunk. */
        private static final int CHUNK = 16 * 1024;

        SharedChannelChunks(FileChannel file, long position, long count) throws IOException {
            super(file, position, count, CHUNK);
        }

        @Override
        public void close() {
            // the spool closes the channel when it is deleted
        }
    }
}
