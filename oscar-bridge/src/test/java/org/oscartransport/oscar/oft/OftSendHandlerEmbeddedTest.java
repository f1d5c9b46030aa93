package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender's state machine fed by hand, without sockets. */
class OftSendHandlerEmbeddedTest {

    @TempDir
    Path dir;

    @Test
    void ackSplitIntoSingleBytesIsStillUnderstood() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[0]);
        CompletableFuture<Void> done = new CompletableFuture<>();
        EmbeddedChannel ch = new EmbeddedChannel(new OftSendHandler(COOKIE, "f", file, 0xFFFF0000L, done));
        ByteBuf promptBytes = ch.readOutbound();
        OftHeader prompt = OftHeaderCodec.decode(promptBytes);
        assertThat(promptBytes.isReadable()).as("the PROMPT is one write").isFalse();
        promptBytes.release();
        for (byte b : OftTestSupport.encode(prompt.toBuilder().type(OftFrameType.ACK).build())) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(done).isNotDone(); // empty file: nothing to send, DONE still expected
        for (byte b : OftTestSupport.encode(prompt.toBuilder().type(OftFrameType.DONE).build())) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(done).isCompleted();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void removingTheHandlerMidTransferFailsDone() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        CompletableFuture<Void> done = new CompletableFuture<>();
        OftSendHandler handler = new OftSendHandler(COOKIE, "f", file, 0, done);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.pipeline().remove(handler);
        assertThatThrownBy(done::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("removed before the transfer ended");
        ch.finishAndReleaseAll();
    }
}
