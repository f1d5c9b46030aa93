package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The sender fed from an {@link OftDataSource}, by hand, without sockets. */
class OftStreamSendEmbeddedTest {

    /** Remembers its output and what happened to it. */
    private static final class ManualSource implements OftDataSource {
        OftDataOutput out;
        Throwable cancelled;

        @Override
        public void start(OftDataOutput out) {
            this.out = out;
        }

        @Override
        public void cancel(Throwable reason) {
            cancelled = reason;
        }
    }

    private static OftHeader readPrompt(EmbeddedChannel ch) {
        ByteBuf bytes = ch.readOutbound();
        try {
            return OftHeaderCodec.decode(bytes);
        } finally {
            bytes.release();
        }
    }

    private static void answer(EmbeddedChannel ch, OftHeader prompt, int type) {
        ch.writeInbound(Unpooled.wrappedBuffer(OftTestSupport.encode(prompt.toBuilder().type(type).build())));
    }

    private static EmbeddedChannel channel(ManualSource source, long size, CompletableFuture<Void> done) {
        return new EmbeddedChannel(new OftSendHandler(COOKIE, "s.bin", size, source, done, Duration.ofSeconds(30)));
    }

    @Test
    void promptCarriesTheInitialChecksumAndTheSourceStartsOnlyAfterAck() {
        ManualSource source = new ManualSource();
        CompletableFuture<Void> done = new CompletableFuture<>();
        EmbeddedChannel ch = channel(source, 4, done);
        OftHeader prompt = readPrompt(ch);
        assertThat(prompt.checksum()).isEqualTo(OftChecksum.INITIAL);
        assertThat(prompt.size()).isEqualTo(4);
        assertThat(source.out).isNull();

        answer(ch, prompt, OftFrameType.ACK);
        source.out.write(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        source.out.write(Unpooled.wrappedBuffer(new byte[] {3, 4}));
        source.out.complete();
        ch.runPendingTasks();
        ByteBuf first = ch.readOutbound();
        ByteBuf second = ch.readOutbound();
        assertThat(first.readableBytes() + second.readableBytes()).isEqualTo(4);
        first.release();
        second.release();
        assertThat(done).isNotDone();

        answer(ch, prompt, OftFrameType.DONE);
        assertThat(done).isCompleted();
        assertThat(source.cancelled).isNull();
        source.out.write(Unpooled.wrappedBuffer(new byte[] {5})); // late: dropped and released
        ch.finishAndReleaseAll();
    }

    @Test
    void aResumeRestartsAStreamFromTheFirstByte() {
        ManualSource source = new ManualSource();
        EmbeddedChannel ch = channel(source, 4, new CompletableFuture<>());
        OftHeader prompt = readPrompt(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(OftTestSupport.encode(prompt.toBuilder()
                .type(OftFrameType.RESUME).receivedBytes(2).receivedChecksum(0x1234_0000L).build())));
        OftHeader resumeAccept = readPrompt(ch);
        assertThat(resumeAccept.type()).isEqualTo(OftFrameType.RESUME_ACCEPT);
        assertThat(resumeAccept.receivedBytes()).isZero();
        answer(ch, prompt, OftFrameType.RESUME_ACK);
        assertThat(source.out).isNotNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void writingMoreThanAnnouncedFailsAndCancelsNothing() {
        ManualSource source = new ManualSource();
        CompletableFuture<Void> done = new CompletableFuture<>();
        EmbeddedChannel ch = channel(source, 2, done);
        OftHeader prompt = readPrompt(ch);
        answer(ch, prompt, OftFrameType.ACK);

        source.out.write(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ch.runPendingTasks();

        assertThatThrownBy(done::join).isInstanceOf(CompletionException.class).hasMessageContaining("more than");
        assertThat(ch.isOpen()).isFalse();
        assertThat(source.cancelled).as("the source itself broke the contract").isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void completingShortFails() {
        ManualSource source = new ManualSource();
        CompletableFuture<Void> done = new CompletableFuture<>();
        EmbeddedChannel ch = channel(source, 4, done);
        answer(ch, readPrompt(ch), OftFrameType.ACK);

        source.out.write(Unpooled.wrappedBuffer(new byte[] {1}));
        source.out.complete();
        ch.runPendingTasks();

        assertThatThrownBy(done::join).hasMessageContaining("after 1 of 4 bytes");
        ch.finishAndReleaseAll();
    }

    @Test
    void thePeerGoingAwayCancelsTheSource() {
        ManualSource source = new ManualSource();
        CompletableFuture<Void> done = new CompletableFuture<>();
        EmbeddedChannel ch = channel(source, 4, done);
        answer(ch, readPrompt(ch), OftFrameType.ACK);

        ch.close();

        assertThat(done).isCompletedExceptionally();
        assertThat(source.cancelled).hasMessageContaining("connection closed");
        assertThat(source.out.isWritable()).isFalse();
        ch.finishAndReleaseAll();
    }
}
