package org.oscartransport.oscar.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.tlv.MalformedDataException;

class FileServiceDataTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void parsesTheDocumentedExample() {
        FileServiceData data = FileServiceData.parse(hex("0001 0001 00000005 68656C6C6F2E747874 00"), null);

        assertThat(data).isEqualTo(new FileServiceData(1, 1, 5, "hello.txt"));
    }

    @Test
    void stopsAtTheFirstNulWhateverFollows() {
        byte[] joscarStyle = hex("0001 0001 00000005 61 00 0000000000 62");
        assertThat(FileServiceData.parse(joscarStyle, null).name()).isEqualTo("a");
        byte[] noNul = hex("0001 0001 00000005 616263");
        assertThat(FileServiceData.parse(noNul, null).name()).isEqualTo("abc");
    }

    @Test
    void writesTheNameTwiceSoLibpurpleCanReadIt() {
        byte[] encoded = new FileServiceData(1, 1, 5, "hello.txt").encode();

        assertThat(HexFormat.of().formatHex(encoded))
                .isEqualTo("0001000100000005" + "68656c6c6f2e74787400" + "68656c6c6f2e74787400");
    }

    @Test
    void honoursTheDeclaredCharsetThenTriesUtf8ThenLatin1() {
        byte[] utf8 = "Grüße.txt".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Grüße.txt".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "Grüße.txt".getBytes(StandardCharsets.UTF_16BE);

        assertThat(FileServiceData.decodeName(utf8, null)).isEqualTo("Grüße.txt");
        assertThat(FileServiceData.decodeName(latin1, null)).isEqualTo("Grüße.txt");
        assertThat(FileServiceData.decodeName(latin1, "iso-8859-1")).isEqualTo("Grüße.txt");
        assertThat(FileServiceData.decodeName(utf16, "unicode-2-0")).isEqualTo("Grüße.txt");
        assertThat(FileServiceData.decodeName(utf8, "text/plain; charset=\"utf-8\"")).isEqualTo("Grüße.txt");
        assertThat(FileServiceData.decodeName(utf8, "no-such-charset")).isEqualTo("Grüße.txt");
    }

    @Test
    void roundTripsAUtf8Name() {
        FileServiceData original = new FileServiceData(1, 1, 123456, "отчёт 📄.pdf");
        assertThat(FileServiceData.parse(original.encode(), "utf-8")).isEqualTo(original);
    }

    @Test
    void truncatedHeaderIsMalformed() {
        assertThatThrownBy(() -> FileServiceData.parse(hex("0001 0001 0000"), null))
                .isInstanceOf(MalformedDataException.class);
    }
}
