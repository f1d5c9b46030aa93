package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.rendezvous.FileServiceData;

/** The emulator's rewrite of 0x2711 file names for libpurple readers (oscar.md §12.5.1). */
class IcbmRelayTest {

    private static final byte[] HEADER = {0, 1, 0, 1, 0, 0, 0x10, 0};

    private static byte[] value(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (String p : parts) {
            out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void nameFollowedOnlyByItsNulIsWrittenTwice() {
        assertThat(IcbmRelay.libpurpleReadableName(value("фото.jpg\0")))
                .isEqualTo(value("фото.jpg\0фото.jpg\0"));
    }

    @Test
    void nulPaddingAndAMissingNulAreRewrittenToo() {
        assertThat(IcbmRelay.libpurpleReadableName(value("a.txt\0\0\0\0\0\0\0\0")))
                .isEqualTo(value("a.txt\0a.txt\0"));
        assertThat(IcbmRelay.libpurpleReadableName(value("a.txt"))).isEqualTo(value("a.txt\0a.txt\0"));
    }

    @Test
    void valuesLibpurpleCanReadAlreadyStayAsTheyAre() {
        assertThat(IcbmRelay.libpurpleReadableName(value("a.txt\0a.txt\0"))).isNull();
        assertThat(IcbmRelay.libpurpleReadableName(new FileServiceData(1, 1, 16, "b.bin").encode())).isNull();
        assertThat(IcbmRelay.libpurpleReadableName(value("\0"))).isNull();
        assertThat(IcbmRelay.libpurpleReadableName(HEADER)).isNull();
    }

    @Test
    void theRewrittenNameStillReadsTheSameForReadersThatStopAtTheNul() {
        byte[] rewritten = IcbmRelay.libpurpleReadableName(value("report – 2024.pdf\0"));
        assertThat(FileServiceData.parse(rewritten, null).name()).isEqualTo("report – 2024.pdf");
        assertThat(FileServiceData.parse(rewritten, null).totalSize32()).isEqualTo(0x1000);
    }
}
