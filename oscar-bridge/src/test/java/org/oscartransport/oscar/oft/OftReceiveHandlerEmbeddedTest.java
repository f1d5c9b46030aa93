package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;
import static org.oscartransport.oscar.oft.OftTestSupport.checksum;
import static org.oscartransport.oscar.oft.OftTestSupport.encode;
import static org.oscartransport.oscar.oft.OftTestSupport.random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The receiver's state machine fed by hand, without sockets. */
class OftReceiveHandlerEmbeddedTest {

    @Test
    void oneByteAtATime() {
        byte[] data = random(700, 1);
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
        OftHeader prompt = OftHeader.prompt(COOKIE, "longer-name-".repeat(10), data.length, checksum(data));
        byte[] frame = encode(prompt);
        assertThat(frame.length).isGreaterThan(256);
        for (byte b : frame) {
            assertThat((Object) ch.readOutbound()).as("no ACK before the whole PROMPT").isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(decode(ch.readOutbound()).type()).isEqualTo(OftFrameType.ACK);
        assertThat(sink.events).containsExactly("start");
        for (int i = 0; i < data.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {data[i]}));
        }
        // the last byte arrives together with bytes that are not file data
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {data[data.length - 1], 'O', 'F', 'T'}));
        OftHeader done = decode(ch.readOutbound());
        assertThat(done.type()).isEqualTo(OftFrameType.DONE);
        assertThat(done.receivedChecksum()).isEqualTo(checksum(data));
        assertThat(sink.bytesKept()).isEqualTo(data);
        assertThat(sink.events).containsExactly("start", "complete");
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void neverPassesBytesBeyondSizeFromOneBuffer() {
        byte[] data = random(300, 2);
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
        byte[] prompt = encode(OftHeader.prompt(COOKIE, "f", data.length, checksum(data)));
        ch.writeInbound(Unpooled.wrappedBuffer(prompt, data, encode(OftHeader.prompt(COOKIE, "next", 9, 0))));
        assertThat(decode(ch.readOutbound()).type()).isEqualTo(OftFrameType.ACK);
        assertThat(decode(ch.readOutbound()).type()).isEqualTo(OftFrameType.DONE);
        assertThat(sink.bytesKept()).isEqualTo(data);
        assertThat(sink.events).containsExactly("start", "complete");
        ch.finishAndReleaseAll();
    }

    @Test
    void allBytesReceivedIsSuccessEvenIfDoneCannotBeWritten() {
        byte[] data = random(50, 3);
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = new EmbeddedChannel(new FailDoneWrites(), new OftReceiveHandler(COOKIE, sink));
        ch.writeInbound(Unpooled.wrappedBuffer(encode(OftHeader.prompt(COOKIE, "f", data.length, 0))));
        ch.writeInbound(Unpooled.wrappedBuffer(data));
        assertThat(sink.events).containsExactly("start", "complete");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void exceptionInThePipelineFailsOnceAndGoesNoFurther() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
        ch.writeInbound(Unpooled.wrappedBuffer(encode(OftHeader.prompt(COOKIE, "f", 10, 0))));
        ch.pipeline().fireExceptionCaught(new IOException("boom"));
        ch.checkException(); // nothing reached the end of the pipeline
        ch.runPendingTasks(); // channelInactive after the close must not report a second failure
        assertThat(sink.events).containsExactly("start", "failure");
        assertThat(sink.outcome).isCompletedExceptionally();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void halfReadHeaderIsReleasedWhenTheConnectionDrops() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
        byte[] frame = encode(OftHeader.prompt(COOKIE, "f", 10, 0));
        ch.writeInbound(Unpooled.wrappedBuffer(frame, 0, 30));
        ch.close();
        assertThat(sink.events).containsExactly("failure");
        ch.finishAndReleaseAll();
    }

    @Test
    void removingTheHandlerMidTransferStillEndsTheSink() {
        RecordingSink sink = new RecordingSink();
        OftReceiveHandler handler = new OftReceiveHandler(COOKIE, sink);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.writeInbound(Unpooled.wrappedBuffer(encode(OftHeader.prompt(COOKIE, "f", 10, 0)), new byte[4]));
        ch.pipeline().remove(handler);
        assertThat(sink.events).containsExactly("start", "failure");
        assertThat(sink.bytes).isEqualTo(4);
        ch.finishAndReleaseAll();
    }

    @Test
    void mangledStreamsNeverEscapeThePipelineAndEndExactlyOnce() {
        java.util.Random random = new java.util.Random(99);
        byte[] data = random(2000, 5);
        byte[] valid = concat(encode(OftHeader.prompt(COOKIE, "fuzz", data.length, checksum(data))), data);
        for (int round = 0; round < 1000; round++) {
            byte[] input = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                // mostly hit the header, where the decisions are made
                int at = random.nextInt(random.nextBoolean() ? 256 : input.length);
                input[at] = (byte) random.nextInt(256);
            }
            input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
            RecordingSink sink = new RecordingSink(false);
            EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
            int offset = 0;
            while (offset < input.length && ch.isOpen()) {
                int n = Math.min(input.length - offset, 1 + random.nextInt(300));
                ch.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
                offset += n;
            }
            ch.close();
            ch.checkException();
            assertThat(sink.count("complete") + sink.count("failure")).as("round %d", round).isEqualTo(1);
            assertThat(sink.count("start")).isLessThanOrEqualTo(1);
            ch.finishAndReleaseAll();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static OftHeader decode(Object written) {
        ByteBuf buf = (ByteBuf) written;
        try {
            OftHeader h = OftHeaderCodec.decode(buf);
            assertThat(buf.isReadable()).as("one frame per write").isFalse();
            return h;
        } finally {
            buf.release();
        }
    }

    /** Lets the ACK through and fails the DONE, as when libpurple's sender has already closed. */
    private static final class FailDoneWrites extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf buf = (ByteBuf) msg;
            if (buf.getUnsignedShort(buf.readerIndex() + 6) == OftFrameType.DONE) {
                buf.release();
                promise.setFailure(new IOException("Broken pipe"));
            } else {
                ctx.write(msg, promise);
            }
        }
    }
}
