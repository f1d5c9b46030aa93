package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The receiving OFT state machine of a session of several files (oscar.md §8.7), fed an arbitrary peer stream
 * in arbitrary reads, with a sink that may refuse one of the files. Whatever arrives: nothing escapes the
 * pipeline; the sink hears one start, then per file a start, at most that file's size in bytes and an end
 * (never bytes outside a file), and exactly one ending; success means every announced file ended whole. Our
 * answers carry our cookie and go ACK, DONE per file, with the final flag on the last DONE only.
 */
class OftReceiveFilesFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void severalFiles(FuzzedDataProvider data) {
        int expectedFiles = data.consumeInt(1, 4);
        int refused = data.consumeInt(0, 4); // 0: the sink takes every file
        int[] cuts = new int[data.consumeInt(0, 12)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 600);
        }
        byte[] input = data.consumeRemainingAsBytes();

        FilesSink sink = new FilesSink(refused);
        EmbeddedChannel ch = new EmbeddedChannel(
                new OftReceiveHandler(COOKIE, sink, expectedFiles, Duration.ofMinutes(1)));
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

        assertThat(sink.endings).as("exactly one ending").isEqualTo(1);
        assertThat(sink.filesEnded).isLessThanOrEqualTo(expectedFiles);
        if (sink.completed) {
            assertThat(sink.filesEnded).isEqualTo(expectedFiles);
            assertThat(sink.inFile).isFalse();
        }
        if (refused > 0) {
            assertThat(sink.filesEnded).isLessThan(refused);
        }
        for (int i = 0; i < answers.size(); i++) {
            OftHeader answer = answers.get(i);
            assertThat(answer.hasCookie(COOKIE)).isTrue();
            assertThat(answer.type()).isEqualTo(i % 2 == 0 ? OftFrameType.ACK : OftFrameType.DONE);
            if (answer.type() == OftFrameType.DONE) {
                int file = i / 2;
                assertThat(answer.receivedBytes()).isEqualTo(sink.sizes.get(file));
                boolean lastFile = file == expectedFiles - 1;
                assertThat((answer.flags() & OftHeader.FLAG_DONE) != 0 || !lastFile).isTrue();
                if (lastFile) {
                    assertThat(sink.completed).isTrue();
                }
            }
        }
        assertThat(answers.stream().filter(a -> a.type() == OftFrameType.DONE).count())
                .as("a DONE per file ended").isEqualTo(sink.filesEnded);
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

    /** Checks the order of the calls as they come; may refuse file number {@code refused} (1-based). */
    private static final class FilesSink implements OftDataSink {
        private final int refused;
        final List<Long> sizes = new ArrayList<>();
        boolean started;
        boolean inFile;
        long fileBytes;
        int filesEnded;
        int endings;
        boolean completed;

        FilesSink(int refused) {
            this.refused = refused;
        }

        @Override
        public void onStart(Channel dataChannel, long size) {
            assertThat(started).as("one start").isFalse();
            assertThat(sizes).isEmpty();
            started = true;
        }

        @Override
        public void onFileStart(String name, long size) {
            assertThat(started).isTrue();
            assertThat(inFile).as("a file starts after the previous one ended").isFalse();
            assertThat(endings).isZero();
            assertThat(size).isNotNegative();
            sizes.add(size);
            if (sizes.size() == refused) {
                throw new IllegalStateException("file " + refused + " refused");
            }
            inFile = true;
            fileBytes = 0;
        }

        @Override
        public void onData(ByteBuf data) {
            try {
                assertThat(inFile).as("bytes belong to a file").isTrue();
                assertThat(endings).isZero();
                fileBytes += data.readableBytes();
                assertThat(fileBytes).as("bytes of file %d", sizes.size())
                        .isLessThanOrEqualTo(sizes.get(sizes.size() - 1));
            } finally {
                data.release();
            }
        }

        @Override
        public void onFileEnd() {
            assertThat(inFile).isTrue();
            assertThat(fileBytes).isEqualTo(sizes.get(sizes.size() - 1));
            inFile = false;
            filesEnded++;
        }

        @Override
        public void onComplete() {
            endings++;
            completed = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            endings++;
        }
    }
}
