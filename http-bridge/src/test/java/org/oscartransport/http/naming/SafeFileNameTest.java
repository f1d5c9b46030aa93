package org.oscartransport.http.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    @Test
    void keepsAPlainNameAndItsExtension() {
        SafeFileName name = SafeFileName.of("holiday photo.JPG");
        assertThat(name.value()).isEqualTo("holiday photo.JPG");
        assertThat(name.extension()).isEqualTo("jpg");
        assertThat(name.encoded()).isEqualTo("holiday%20photo.JPG");
    }

    @Test
    void removesCarriageReturnLineFeedAndOtherControls() {
        SafeFileName name = SafeFileName.of("evil\r\nSet-Cookie: x=1\u0000\u0085\u007f.txt");
        assertThat(name.value()).isEqualTo("evilSet-Cookie_ x=1.txt");
        assertThat(name.value()).doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void removesQuotesSoHeadersCannotBeBrokenOutOf() {
        assertThat(SafeFileName.of("a\"b'c`d.txt").value()).isEqualTo("abcd.txt");
    }

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(SafeFileName.of("../../etc/passwd").value()).isEqualTo("passwd");
        assertThat(SafeFileName.of("C:\\Users\\bob\\report.doc").value()).isEqualTo("report.doc");
    }

    @ParameterizedTest
    @CsvSource({"'..', file", "'.', file", "'', file", "'/', file", "'...txt', txt", "'a..b.txt', a.b.txt",
            "'.hidden', hidden", "'name. . ', name", "'  spaced  .pdf', spaced  .pdf"})
    void neutralisesDotsAndEmptiness(String offered, String expected) {
        assertThat(SafeFileName.of(offered).value()).isEqualTo(expected);
    }

    @Test
    void removesBidiOverridesThatDisguiseTheExtension() {
        // Displays as "harmlessexe.txt" in a bidi-aware UI; really an .exe
        SafeFileName name = SafeFileName.of("harmless\u202Etxt.exe");
        assertThat(name.value()).isEqualTo("harmlesstxt.exe");
        assertThat(name.extension()).isEqualTo("exe");
        assertThat(SafeFileName.of("a\u2066b\u2069\u200Fc\u061C.png").value()).isEqualTo("abc.png");
    }

    @Test
    void keepsNonLatinScriptsAndEncodesThemAsUtf8() {
        SafeFileName name = SafeFileName.of("Отчёт 2024.pdf");
        assertThat(name.value()).isEqualTo("Отчёт 2024.pdf");
        assertThat(name.encoded()).isEqualTo("%D0%9E%D1%82%D1%87%D1%91%D1%82%202024.pdf");
        assertThat(SafeFileName.of("写真😀.png").encoded()).isEqualTo("%E5%86%99%E7%9C%9F%F0%9F%98%80.png");
    }

    @Test
    void replacesCharactersWindowsCannotStore() {
        assertThat(SafeFileName.of("a<b>c:d*e?f|g.txt").value()).isEqualTo("a_b_c_d_e_f_g.txt");
    }

    @Test
    void dropsUnpairedSurrogatesThatHaveNoUtf8Form() {
        assertThat(SafeFileName.of("a\uD800b.txt").value()).isEqualTo("ab.txt");
    }

    @Test
    void aLongNameLosesItsStemNotItsExtension() {
        SafeFileName name = SafeFileName.of("x".repeat(1000) + ".mp4").fittingEncodedLength(200);
        assertThat(name.encoded()).hasSize(200).endsWith(".mp4");
    }

    @Test
    void truncationNeverSplitsAMultiByteCharacter() {
        SafeFileName name = SafeFileName.of("ж".repeat(1000) + ".txt").fittingEncodedLength(100);
        // each "ж" costs 6 encoded characters: 16 fit into 96
        assertThat(name.value()).isEqualTo("ж".repeat(16) + ".txt");
        assertThat(PercentEncoding.decode(name.encoded())).contains(name.value());
    }

    @Test
    void aLongExtensionIsPartOfTheStem() {
        SafeFileName name = SafeFileName.of("archive.thisisnotanextension");
        assertThat(name.extension()).isEmpty();
    }

    @Test
    void refusesABudgetWithNoRoomForAName() {
        assertThatThrownBy(() -> SafeFileName.of("a.txt").fittingEncodedLength(4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
