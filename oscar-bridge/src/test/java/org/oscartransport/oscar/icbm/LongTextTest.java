package org.oscartransport.oscar.icbm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongTextTest {

    private static int encodedTextBytes(String part) {
        ByteBuf b = Unpooled.buffer();
        ImText.write(b, part);
        return b.readableBytes() - ImText.OVERHEAD;
    }

    private static void assertFaithful(String text, List<String> parts, int budget) {
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> {
            assertThat(encodedTextBytes(p)).isLessThanOrEqualTo(budget);
            assertThat(p).isNotEmpty();
        });
    }

    @Test
    void aTextThatFitsIsOnePart() {
        assertThat(LongText.split("hello world", 100)).containsExactly("hello world");
        assertThat(LongText.split("", 100)).containsExactly("");
    }

    @Test
    void cutsGoAfterTheLastWhitespaceWhichStaysWithTheEarlierPart() {
        List<String> parts = LongText.split("aaaa bbbb cccc dddd", 12);

        assertThat(parts).containsExactly("aaaa bbbb ", "cccc dddd");
    }

    @Test
    void aWordLongerThanAPartIsCutAtTheLimit() {
        String word = "x".repeat(25);

        assertThat(LongText.split(word, 10)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
    }

    @Test
    void whitespaceEarlyInAPartIsNotWorthAShortPart() {
        List<String> parts = LongText.split("a " + "y".repeat(30), 10);

        assertThat(parts.get(0)).isEqualTo("a yyyyyyyy");
    }

    @Test
    void nonAsciiPartsCountTwoBytesPerUtf16Unit() {
        String cyrillic = "щ".repeat(12);

        List<String> parts = LongText.split(cyrillic, 10);

        assertThat(parts).containsExactly("щщщщщ", "щщщщщ", "щщ");
    }

    @Test
    void aSurrogatePairIsNeverCut() {
        String text = "ab" + "😀".repeat(5); // each emoji is two UTF-16 units, four bytes

        List<String> parts = LongText.split(text, 10);

        assertFaithful(text, parts, 10);
        assertThat(parts).allSatisfy(p -> {
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
    }

    @Test
    void aCharacterReferenceIsNeverCut() {
        String text = "xxxxxxx&amp;yyyyyyy";

        List<String> parts = LongText.split(text, 10);

        assertThat(parts).containsExactly("xxxxxxx", "&amp;yyyyy", "yy");
    }

    @Test
    void anAmpersandThatStartsNoReferenceIsCutLikeAnyCharacter() {
        List<String> parts = LongText.split("xxxxxxx&a b", 9);

        assertThat(parts.get(0)).isEqualTo("xxxxxxx&a");
    }

    @Test
    void aLongMixedTextSurvivesExactly() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 20_000; i++) {
            sb.append(switch (i % 5) {
                case 0 -> "plain words ";
                case 1 -> "𝄞𝄢 ";
                case 2 -> "Привет&nbsp;мир ";
                case 3 -> "😀";
                default -> "x&#128512;y\n";
            });
        }
        String text = sb.toString();

        List<String> parts = LongText.split(text, 987);

        assertFaithful(text, parts, 987);
        assertThat(parts.size()).isGreaterThan(20);
    }
}
