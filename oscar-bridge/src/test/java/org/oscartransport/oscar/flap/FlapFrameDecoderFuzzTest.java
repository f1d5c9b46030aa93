package org.oscartransport.oscar.flap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The FLAP frame decoder on an arbitrary byte stream, split into arbitrary reads. The frames it emits must be
 * exactly the bytes it consumed, in order; what it holds back must be one incomplete frame; a bad marker closes
 * the connection. Nothing may be thrown.
 */
class FlapFrameDecoderFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void stream(FuzzedDataProvider data) {
        // the first bytes choose the read sizes, the rest is the stream
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 300);
        }
        byte[] input = data.consumeRemainingAsBytes();

        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder());
        ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
        int offset = 0;
        for (int i = 0; offset < input.length && ch.isOpen(); i++) {
            int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
            ch.writeInbound(ch.alloc().buffer(n).writeBytes(input, offset, n));
            offset += n;
            drain(ch, reencoded);
        }

        byte[] frames = reencoded.toByteArray();
        assertThat(frames).isEqualTo(Arrays.copyOf(input, frames.length));
        byte[] rest = Arrays.copyOfRange(input, frames.length, input.length);
        if (rest.length > 0 && (rest[0] & 0xFF) != FlapFrame.MARKER) {
            assertThat(ch.isOpen()).as("a bad marker closes the connection").isFalse();
        } else if (rest.length > 0) {
            assertThat(ch.isOpen()).isTrue();
            assertThat(rest.length).as("held back: one incomplete frame")
                    .isLessThan(rest.length < FlapFrame.HEADER_LENGTH ? Integer.MAX_VALUE
                            : FlapFrame.HEADER_LENGTH + (((rest[4] & 0xFF) << 8) | (rest[5] & 0xFF)));
        }
        ch.finishAndReleaseAll();
    }

    private static void drain(EmbeddedChannel ch, ByteArrayOutputStream out) {
        for (FlapFrame frame; (frame = ch.readInbound()) != null; ) {
            try {
                ByteBuf payload = frame.content();
                int length = payload.readableBytes();
                assertThat(length).isLessThanOrEqualTo(FlapFrame.MAX_PAYLOAD);
                out.write(FlapFrame.MARKER);
                out.write(frame.channel());
                out.write(frame.sequence() >>> 8);
                out.write(frame.sequence());
                out.write(length >>> 8);
                out.write(length);
                byte[] bytes = new byte[length];
                payload.getBytes(payload.readerIndex(), bytes);
                out.writeBytes(bytes);
            } finally {
                frame.release();
            }
        }
    }
}
