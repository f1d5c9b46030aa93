package org.oscartransport.oscar.icbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The long-text splitter for any text (any UTF-16, lone surrogates and HTML references included) and any part
 * size. The parts join back to exactly the text, each encodes (as {@link ImText#write} sends it) within the
 * limit and reads back to itself (when it has no lone surrogate), none is empty unless the text is, and no cut splits a surrogate pair.
 */
class LongTextFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void split(FuzzedDataProvider data) {
        int limit = data.consumeInt(4, 2600);
        String text = data.consumeRemainingAsString();

        List<String> parts = LongText.split(text, limit);

        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).isNotEmpty();
        for (String part : parts) {
            assertThat(part.isEmpty()).as("an empty part").isEqualTo(text.isEmpty());
            ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
            try {
                ImText.write(out, part);
                assertThat(out.readableBytes() - ImText.OVERHEAD).as("bytes of %s", part)
                        .isLessThanOrEqualTo(limit);
                if (wellFormed(part)) { // a lone surrogate has no UTF-16 encoding; the JDK sends U+FFFD
                    assertThat(ImText.read(out)).isEqualTo(part);
                }
            } finally {
                out.release();
            }
        }
        for (int i = 1, at = parts.get(0).length(); i < parts.size(); at += parts.get(i).length(), i++) {
            assertThat(Character.isHighSurrogate(text.charAt(at - 1)) && Character.isLowSurrogate(text.charAt(at)))
                    .as("cut at %d splits a surrogate pair", at).isFalse();
        }
    }

    private static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }
}
