package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk slower than the source: the writer's backlog is bounded and the source is told when to go on. */
class SpoolFileTest {

    @TempDir
    Path dir;
    private final EventLoop loop = new DefaultEventLoop();
    /** A stalled disk: write tasks wait here until the test runs them. */
    private final Queue<Runnable> stalled = new ArrayDeque<>();
    private final Executor stalledWriter = stalled::add;

    @AfterEach
    void tearDown() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aStalledWriterStopsTheSourceAtTheHighWaterMarkAndReleasesItOnceDrained() throws Exception {
        Events events = new Events();
        SpoolFile spool = SpoolFile.create(SpoolStore.open(dir, 0, 0), stalledWriter, loop, events);

        int chunk = 8 * 1024;
        int appended = 0;
        while (spool.hasRoom()) {
            spool.append(Unpooled.wrappedBuffer(new byte[chunk]));
            appended += chunk;
        }
        assertThat(appended).isEqualTo(SpoolFile.HIGH_WATER);
        assertThat(spool.length()).as("nothing is in the file yet").isZero();

        runStalledWrites();

        events.drained.get(5, TimeUnit.SECONDS);
        assertThat(spool.hasRoom()).isTrue();
        assertThat(spool.length()).isEqualTo(appended);
        assertThat(Files.size(spool.file().toPath())).isEqualTo(appended);

        spool.finish();
        runStalledWrites();
        events.completed.get(5, TimeUnit.SECONDS);
        assertThat(spool.isComplete()).isTrue();
        spool.delete();
        assertThat(spool.file()).doesNotExist();
    }

    @Test
    void writesQueuedBehindADeleteAreDroppedAndReleased() throws Exception {
        Events events = new Events();
        SpoolFile spool = SpoolFile.create(SpoolStore.open(dir, 0, 0), stalledWriter, loop, events);
        spool.append(Unpooled.directBuffer(100).writeZero(100));
        spool.delete();
        runStalledWrites(); // released, not leaked (the leak detector would fail the class)
        assertThat(spool.file()).doesNotExist();
        assertThat(events.progressed).hasValue(0);
    }

    @Test
    void aFullDiskFailsTheSpoolDeletesItsFileAndReleasesWhatWasQueued() throws Exception {
        // /dev/full takes the open and answers every write with ENOSPC, as a full disk does
        Path full = Files.createSymbolicLink(dir.resolve("transfer-full.spool"), Path.of("/dev/full"));
        Events events = new Events();
        SpoolFile spool = SpoolFile.open(full, stalledWriter, loop, events);
        io.netty.buffer.ByteBuf first = Unpooled.directBuffer(4096).writeZero(4096);
        io.netty.buffer.ByteBuf second = Unpooled.directBuffer(4096).writeZero(4096);
        spool.append(first);
        spool.append(second);
        spool.finish();
        runStalledWrites();

        assertThat(events.completed).failsWithin(java.time.Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("No space left on device");
        assertThat(first.refCnt()).as("the failed write's buffer").isZero();
        assertThat(second.refCnt()).as("the write queued behind it").isZero();
        assertThat(spool.isComplete()).isFalse();
        assertThat(spool.length()).isZero();
        assertThat(Files.exists(full, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("the partial spool is gone")
                .isFalse();
        assertThat(Path.of("/dev/full")).as("only the link, never its target").exists();
        spool.delete();
    }

    private void runStalledWrites() {
        Runnable task;
        while ((task = stalled.poll()) != null) task.run();
    }

    private static final class Events implements SpoolFile.Listener {
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        final CompletableFuture<Void> completed = new CompletableFuture<>();
        final AtomicInteger progressed = new AtomicInteger();

        @Override
        public void progressed() {
            progressed.incrementAndGet();
        }

        @Override
        public void drained() {
            drained.complete(null);
        }

        @Override
        public void completed() {
            completed.complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            completed.completeExceptionally(cause);
        }
    }
}
