package org.oscartransport.oscar.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LoginHashTest {

    private static final byte[] KEY = "1234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.US_ASCII);

    @Test
    void strongHashMatchesTheDocumentedVector() {
        assertThat(HexFormat.of().formatHex(LoginHash.strong(KEY, SECRET)))
                .isEqualTo("054b2494f6d223078f90b1d1333b757f");
    }

    @Test
    void weakHashMatchesTheDocumentedVector() {
        assertThat(HexFormat.of().formatHex(LoginHash.weak(KEY, SECRET)))
                .isEqualTo("862a71ebc6b0913ac23b3ace99ca9951");
    }

    @Test
    void icqPasswordsAreCutTo16Bytes() {
        assertThat(LoginHash.icqPasswordBytes("0123456789abcdefXYZ")).hasSize(16);
        assertThat(LoginHash.icqPasswordBytes("short")).hasSize(5);
    }
}
