package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LibpurpleNamePaddingTest {

    private static String pad(String hex) {
        return HexFormat.of().formatHex(LibpurpleNamePadding.pad(HexFormat.of().parseHex(hex)));
    }

    @Test
    void nameFollowedOnlyByItsNulIsWrittenTwice() {
        assertThat(pad("0001000100000005" + "616200")).isEqualTo("0001000100000005" + "616200" + "616200");
    }

    @Test
    void nameWithoutNulGetsBothNuls() {
        assertThat(pad("0001000100000005" + "6162")).isEqualTo("0001000100000005" + "616200" + "616200");
    }

    @Test
    void nulPaddingIsRewrittenBecauseLibpurpleWouldReadAnEmptyName() {
        // joscar pads with 46 NULs: libpurple reads the bytes after the first NUL as the name
        assertThat(pad("0001000100000005" + "61620000000000")).isEqualTo("0001000100000005" + "616200" + "616200");
    }

    @Test
    void alreadyReadableValuesAreLeftAlone() {
        assertThat(pad("0001000100000005" + "616200" + "616200")).isEqualTo("0001000100000005616200616200");
        assertThat(pad("00010001000000")).isEqualTo("00010001000000");
        assertThat(pad("0001000100000005" + "00")).isEqualTo("000100010000000500");
    }
}
