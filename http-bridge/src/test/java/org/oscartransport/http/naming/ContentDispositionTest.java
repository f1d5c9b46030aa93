package org.oscartransport.http.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiNameAppearsInBothParameters() {
        assertThat(ContentDisposition.header(true, SafeFileName.of("cat.png")))
                .isEqualTo("inline; filename=\"cat.png\"; filename*=UTF-8''cat.png");
    }

    @Test
    void nonAsciiNameGetsAnAsciiFallbackAndAUtf8Parameter() {
        assertThat(ContentDisposition.header(false, SafeFileName.of("Отчёт 100%.pdf")))
                .isEqualTo("attachment; filename=\"_____ 100_.pdf\"; "
                        + "filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20100%25.pdf");
    }

    @Test
    void hostileNameCannotBreakOutOfTheHeader() {
        String header = ContentDisposition.header(false, SafeFileName.of("x\"; filename=\"evil.html\r\n.txt"));
        assertThat(header).doesNotContain("\r", "\n").startsWith("attachment; filename=\"x; filename=evil.html.txt\"");
        assertThat(header.chars().filter(c -> c == '"').count()).isEqualTo(2);
    }
}
