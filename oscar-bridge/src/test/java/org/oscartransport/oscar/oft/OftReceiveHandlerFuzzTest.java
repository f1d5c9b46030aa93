package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The receiving OFT state machine fed an arbitrary peer stream in arbitrary reads. Whatever arrives: nothing
 * escapes the pipeline, the sink hears exactly one ending, never gets a byte beyond the announced size, and
 * every frame we answer with is a well-formed OFT2 header (ACK, then DONE).
 */
class OftReceiveHandlerFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void peerStream(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 12)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 600);
        }
        byte[] input = data.consumeRemainingAsBytes();

        RecordingSink sink = new RecordingSink(false);
        EmbeddedChannel ch = new EmbeddedChannel(new OftReceiveHandler(COOKIE, sink));
        List<OftHeader> answers = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < input.length && ch.isOpen(); i++) {
            int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
            ch.writeInbound(ch.alloc().buffer(n).writeBytes(input, offset, n));
            offset += n;
            readAnswers(ch, answers);
        }
        ch.close();
        ch.checkException();
        readAnswers(ch, answers);

        assertThat(sink.count("complete") + sink.count("failure")).as("exactly one ending").isEqualTo(1);
        assertThat(sink.count("start")).isLessThanOrEqualTo(1);
        assertThat(sink.bytes).isLessThanOrEqualTo(Math.max(sink.announcedSize, 0));
        if (sink.count("complete") == 1) {
            assertThat(sink.bytes).isEqualTo(sink.announcedSize);
            assertThat(answers).extracting(OftHeader::type).containsExactly(OftFrameType.ACK, OftFrameType.DONE);
        }
        if (!answers.isEmpty()) {
            assertThat(answers.get(0).type()).isEqualTo(OftFrameType.ACK);
            assertThat(answers).allSatisfy(h -> assertThat(h.hasCookie(COOKIE)).isTrue());
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private static void readAnswers(EmbeddedChannel ch, List<OftHeader> answers) {
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            try {
                answers.add(OftHeaderCodec.decode(out));
                assertThat(out.isReadable()).as("one header per write").isFalse();
            } finally {
                out.release();
            }
        }
    }
}
