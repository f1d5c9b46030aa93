package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OftHeaderCodecTest {

    private static final byte[] COOKIE = "12345670".getBytes(StandardCharsets.US_ASCII);

    /** The PROMPT for hello.txt from oscar.md §8.1. */
    private static byte[] helloPromptVector() {
        byte[] v = new byte[256];
        put(v, 0, "4f 46 54 32 01 00 01 01 31 32 33 34 35 36 37 30");
        put(v, 16, "00 00 00 00 00 01 00 01 00 01 00 01 00 00 00 05");
        put(v, 32, "00 00 00 05 00 00 00 00 bc 2d 00 00 ff ff 00 00");
        put(v, 48, "00 00 00 00 00 00 00 00 ff ff 00 00 00 00 00 00");
        put(v, 64, "ff ff 00 00 43 6f 6f 6c 20 46 69 6c 65 58 66 65");
        put(v, 80, "72 00");
        put(v, 96, "00 00 00 00 20 1c 11 00");
        put(v, 192, "68 65 6c 6c 6f 2e 74 78 74 00");
        return v;
    }

    @Test
    void encodesTheDocumentedHelloPrompt() {
        OftHeader prompt = OftHeader.prompt(COOKIE, "hello.txt", 5, 0xBC2D0000L);
        ByteBuf encoded = OftHeaderCodec.encode(prompt, ByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.hexDump(encoded)).isEqualTo(ByteBufUtil.hexDump(helloPromptVector()));
        } finally {
            encoded.release();
        }
    }

    @Test
    void decodesTheDocumentedHelloPrompt() {
        ByteBuf in = Unpooled.wrappedBuffer(helloPromptVector());
        try {
            OftHeader h = OftHeaderCodec.decode(in);
            assertThat(in.readableBytes()).isZero();
            assertThat(h.type()).isEqualTo(OftFrameType.PROMPT);
            assertThat(h.cookie()).isEqualTo(COOKIE);
            assertThat(h.totalFiles()).isEqualTo(1);
            assertThat(h.filesLeft()).isEqualTo(1);
            assertThat(h.size()).isEqualTo(5);
            assertThat(h.totalSize()).isEqualTo(5);
            assertThat(h.checksum()).isEqualTo(0xBC2D0000L);
            assertThat(h.receivedChecksum()).isEqualTo(0xFFFF0000L);
            assertThat(h.idString()).isEqualTo("Cool FileXfer");
            assertThat(h.flags()).isEqualTo(0x20);
            assertThat(h.fileName()).isEqualTo("hello.txt");
            assertThat(h).isEqualTo(OftHeader.prompt(COOKIE, "hello.txt", 5, 0xBC2D0000L));
        } finally {
            in.release();
        }
    }

    @Test
    void longAsciiNameGrowsTheHeader() {
        String name = "a".repeat(100);
        ByteBuf encoded = OftHeaderCodec.encode(OftHeader.prompt(COOKIE, name, 1, 0), ByteBufAllocator.DEFAULT);
        try {
            assertThat(encoded.readableBytes()).isEqualTo(192 + 101);
            assertThat(encoded.getUnsignedShort(4)).isEqualTo(192 + 101);
            assertThat(encoded.getUnsignedShort(188)).isEqualTo(OftHeader.ENCODING_ASCII);
            assertThat(OftHeaderCodec.decode(encoded).fileName()).isEqualTo(name);
        } finally {
            encoded.release();
        }
    }

    @Test
    void nonAsciiNameGoesOutAsUtf16() {
        String name = "Привет мир 日本.txt";
        ByteBuf encoded = OftHeaderCodec.encode(OftHeader.prompt(COOKIE, name, 1, 0), ByteBufAllocator.DEFAULT);
        try {
            assertThat(encoded.readableBytes()).isEqualTo(256);
            assertThat(encoded.getUnsignedShort(188)).isEqualTo(OftHeader.ENCODING_UTF16BE);
            assertThat(encoded.getByte(192)).isEqualTo((byte) 0x04); // 'П' = U+041F, big-endian
            OftHeader back = OftHeaderCodec.decode(encoded);
            assertThat(back.fileName()).isEqualTo(name);
            assertThat(back.nameEncoding()).isEqualTo(OftHeader.ENCODING_UTF16BE);
        } finally {
            encoded.release();
        }
    }

    @Test
    void utf16NameEndingInANulLowByteIsNotCutShort() {
        String name = "\u0100\u0200"; // bytes 01 00 02 00: single-byte NUL scanning would cut it
        ByteBuf encoded = OftHeaderCodec.encode(OftHeader.prompt(COOKIE, name, 1, 0), ByteBufAllocator.DEFAULT);
        try {
            assertThat(OftHeaderCodec.decode(encoded).fileName()).isEqualTo(name);
        } finally {
            encoded.release();
        }
    }

    @Test
    void decodesLibpurplesUtf8NameWithEncodingZero() {
        byte[] v = helloPromptVector();
        byte[] utf8 = "жук.txt".getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(v, 192, 256, (byte) 0);
        System.arraycopy(utf8, 0, v, 192, utf8.length);
        assertThat(decodeOnce(v).fileName()).isEqualTo("жук.txt");
    }

    @Test
    void decodesInvalidUtf8WithEncodingZeroAsLatin1() {
        byte[] v = helloPromptVector();
        v[192] = (byte) 0xE9; // Latin-1 'é', not valid UTF-8 on its own
        assertThat(decodeOnce(v).fileName()).isEqualTo("éello.txt");
    }

    @Test
    void decodesLatin1Name() {
        byte[] v = helloPromptVector();
        v[189] = 0x03;
        v[192] = (byte) 0xC3; // would be UTF-8 lead byte; Latin-1 says 'Ã'
        v[193] = (byte) 0xA9;
        assertThat(decodeOnce(v).fileName()).isEqualTo("Ã©llo.txt");
    }

    @Test
    void acceptsAShorterHeaderWithinBounds() {
        byte[] v = java.util.Arrays.copyOf(helloPromptVector(), 240);
        v[4] = 0;
        v[5] = (byte) 240;
        assertThat(decodeOnce(v).fileName()).isEqualTo("hello.txt");
    }

    @Test
    void rejectsBadMagic() {
        byte[] v = helloPromptVector();
        v[3] = '3';
        assertThatThrownBy(() -> decodeOnce(v)).isInstanceOf(OftProtocolException.class).hasMessageContaining("magic");
    }

    @Test
    void rejectsImpossibleLengths() {
        byte[] small = helloPromptVector();
        small[4] = 0;
        small[5] = (byte) 191;
        assertThatThrownBy(() -> decodeOnce(small)).isInstanceOf(OftProtocolException.class)
                .hasMessageContaining("191");
        byte[] huge = helloPromptVector();
        huge[4] = (byte) 0xFF;
        huge[5] = (byte) 0xFF;
        assertThatThrownBy(() -> decodeOnce(huge)).isInstanceOf(OftProtocolException.class)
                .hasMessageContaining("65535");
    }

    @Test
    void rejectsTruncatedHeader() {
        byte[] v = java.util.Arrays.copyOf(helloPromptVector(), 200);
        assertThatThrownBy(() -> decodeOnce(v)).isInstanceOf(OftProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void roundTripsEveryField() {
        byte[] dummy = new byte[69];
        dummy[68] = 7;
        byte[] mac = new byte[16];
        mac[0] = 9;
        OftHeader h = OftHeader.builder().type(OftFrameType.DONE).cookie(COOKIE).encryption(1).compression(2)
                .totalFiles(3).filesLeft(2).totalParts(2).partsLeft(1).totalSize(0xFFFFFFFFL).size(123456789L)
                .modificationTime(11).checksum(12).resourceForkReceivedChecksum(13).resourceForkSize(14)
                .creationTime(15).resourceForkChecksum(16).receivedBytes(17).receivedChecksum(18)
                .idString("OFT_Windows ICBMFT V1.1 32").flags(1).nameOffset(2).sizeOffset(3).dummy(dummy)
                .macFileInfo(mac).nameLanguage(5).fileName("x.bin").build();
        ByteBuf encoded = OftHeaderCodec.encode(h, ByteBufAllocator.DEFAULT);
        try {
            assertThat(OftHeaderCodec.decode(encoded)).isEqualTo(h);
        } finally {
            encoded.release();
        }
    }

    @Test
    void toStringNeverShowsTheCookie() {
        assertThat(OftHeader.prompt(COOKIE, "a", 1, 0).toString()).doesNotContain("12345670")
                .doesNotContain("3132333435363730");
    }

    private static OftHeader decodeOnce(byte[] v) {
        ByteBuf in = Unpooled.wrappedBuffer(v);
        try {
            return OftHeaderCodec.decode(in);
        } finally {
            in.release();
        }
    }

    private static void put(byte[] target, int offset, String hex) {
        byte[] b = ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
        System.arraycopy(b, 0, target, offset, b.length);
    }
}
