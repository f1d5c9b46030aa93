package org.oscartransport.http.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void keepsOnlyUnreservedCharacters() {
        assertThat(PercentEncoding.encode("aZ09-._~")).isEqualTo("aZ09-._~");
        assertThat(PercentEncoding.encode(" +%/?#&=\"'")).isEqualTo("%20%2B%25%2F%3F%23%26%3D%22%27");
    }

    @Test
    void decodesWhatItEncodes() {
        String text = "Привет, мир + 😀 & co.txt";
        assertThat(PercentEncoding.decode(PercentEncoding.encode(text))).contains(text);
    }

    @Test
    void decodesLowerCaseHexAndKeepsPlusAsPlus() {
        assertThat(PercentEncoding.decode("a%c3%a9+b")).contains("aé+b");
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        assertThat(PercentEncoding.decode("%")).isEmpty();
        assertThat(PercentEncoding.decode("%4")).isEmpty();
        assertThat(PercentEncoding.decode("%zz")).isEmpty();
        assertThat(PercentEncoding.decode("%C3")).isEmpty();
        assertThat(PercentEncoding.decode("%FF")).isEmpty();
    }

    @Test
    void encodedLengthAgreesWithEncode() {
        for (String s : new String[] {"a", " ", "é", "ж", "写", "😀"}) {
            assertThat(PercentEncoding.encodedLength(s.codePointAt(0))).as(s)
                    .isEqualTo(PercentEncoding.encode(s).length());
        }
    }
}
