package org.oscartransport.http.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void mediaIsServedInlineUnderItsType() {
        assertThat(ContentTypes.forExtension("jpg")).isEqualTo(new ContentTypes.Served("image/jpeg", true));
        assertThat(ContentTypes.forExtension("mp3")).isEqualTo(new ContentTypes.Served("audio/mpeg", true));
        assertThat(ContentTypes.forExtension("mp4")).isEqualTo(new ContentTypes.Served("video/mp4", true));
    }

    @Test
    void documentsAndArchivesAreAttachments() {
        assertThat(ContentTypes.forExtension("pdf")).isEqualTo(new ContentTypes.Served("application/pdf", false));
        assertThat(ContentTypes.forExtension("zip")).isEqualTo(new ContentTypes.Served("application/zip", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "htm", "svg", "xml", "xhtml", "js", "css", "mhtml", "wasm"})
    void activeTypesAreOpaqueAttachments(String extension) {
        assertThat(ContentTypes.forExtension(extension))
                .isEqualTo(new ContentTypes.Served(ContentTypes.OCTET_STREAM, false));
    }

    @Test
    void unknownOrMissingExtensionIsAnOctetStreamAttachment() {
        assertThat(ContentTypes.forExtension("exe")).isEqualTo(new ContentTypes.Served(ContentTypes.OCTET_STREAM, false));
        assertThat(ContentTypes.forExtension("")).isEqualTo(new ContentTypes.Served(ContentTypes.OCTET_STREAM, false));
    }
}
