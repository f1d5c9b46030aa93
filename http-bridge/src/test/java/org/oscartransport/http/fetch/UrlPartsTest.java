package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How a URL becomes a request, and how a file name is read from a response. */
class UrlPartsTest {

    @Test
    void aTargetKeepsPathAndQueryAndDropsTheFragment() throws Exception {
        FetchTarget target = FetchTarget.of(URI.create("HTTPS://Upload.Example.org/x/a%20b.png?t=s3cret#frag"));
        assertThat(target.https()).isTrue();
        assertThat(target.host()).isEqualTo("upload.example.org");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.hostHeader()).isEqualTo("Upload.Example.org");
        assertThat(target.requestTarget()).isEqualTo("/x/a%20b.png?t=s3cret");
        assertThat(target.origin()).isEqualTo("https://upload.example.org:443").doesNotContain("s3cret");
    }

    @Test
    void rawNonAsciiInThePathIsSentPercentEncoded() throws Exception {
        FetchTarget target = FetchTarget.of(new URI("http", "up.example.org", "/фото 1.jpg", "q=ё", null));
        assertThat(target.requestTarget()).isEqualTo("/%D1%84%D0%BE%D1%82%D0%BE%201.jpg?q=%D1%91");
    }

    @Test
    void anIpv6LiteralLosesItsBracketsForLookupButKeepsThemInTheHostHeader() throws Exception {
        FetchTarget target = FetchTarget.of(URI.create("http://[::1]:8080"));
        assertThat(target.host()).isEqualTo("::1");
        assertThat(target.hostHeader()).isEqualTo("[::1]:8080");
        assertThat(target.requestTarget()).isEqualTo("/");
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoCredentialsAreFetched() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://example.org/f", "gopher://example.org/",
                "mailto:a@example.org", "/relative/path", "http:///nohost", "https://user:pw@example.org/f"}) {
            assertThatThrownBy(() -> FetchTarget.of(URI.create(url))).as(url)
                    .isInstanceOf(FetchRefusedException.class);
        }
    }

    @Test
    void theExtendedFilenameWinsOverThePlainOne() {
        assertThat(DispositionFileName.parse(
                "attachment; filename=\"fallback.txt\"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82.pdf"))
                .contains("Отчёт.pdf");
        assertThat(DispositionFileName.parse("inline; filename*=utf-8'en'na%C3%AFve%20file.txt; filename=x"))
                .contains("naïve file.txt");
        assertThat(DispositionFileName.parse("attachment; filename*=ISO-8859-1''caf%E9.txt"))
                .contains("café.txt");
    }

    @Test
    void thePlainFilenameMayBeQuotedOrAToken() {
        assertThat(DispositionFileName.parse("attachment; filename=\"a \\\"quoted\\\" name.zip\""))
                .contains("a \"quoted\" name.zip");
        assertThat(DispositionFileName.parse("attachment;filename=plain.bin")).contains("plain.bin");
        assertThat(DispositionFileName.parse("attachment; foo=\"x;filename=evil\"; filename=good.txt"))
                .contains("good.txt");
        assertThat(DispositionFileName.parse("attachment; filename*=bogus")).isEmpty();
        assertThat(DispositionFileName.parse("inline")).isEmpty();
        assertThat(DispositionFileName.parse(null)).isEmpty();
    }

    @Test
    void theNameComesFromTheLastPathSegmentWhenTheServerGivesNone() {
        URI url = URI.create("https://up.example.org/upload/abc123/%D1%84%D0%BE%D1%82%D0%BE%20cat.jpg?token=x");
        assertThat(FileNames.of(null, url)).isEqualTo("фото cat.jpg");
        assertThat(FileNames.of("attachment", url)).isEqualTo("фото cat.jpg");
    }

    @Test
    void namesAreMadeSafe() {
        URI url = URI.create("https://up.example.org/a/..%2F..%2Fetc%2Fpasswd");
        assertThat(FileNames.of(null, url)).isEqualTo("passwd");
        assertThat(FileNames.of("attachment; filename=\"../../x\r\n.txt\"", url)).isEqualTo("x.txt");
        assertThat(FileNames.of("attachment; filename*=UTF-8''evil%E2%80%AEgpj.exe", url))
                .isEqualTo("evilgpj.exe");
        assertThat(FileNames.of(null, URI.create("https://up.example.org/"))).isEqualTo("file");
    }
}
