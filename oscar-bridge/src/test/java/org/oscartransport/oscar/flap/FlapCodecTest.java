package org.oscartransport.oscar.flap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FlapCodecTest {

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static String readHex(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    void encoderNumbersFramesInWriteOrderAndWrapsAt7FFF() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameEncoder(0x7FFE));
        ch.writeOutbound(new FlapFrame(2, hex("AABB")));
        ch.writeOutbound(FlapFrame.keepAlive());
        ch.writeOutbound(new FlapFrame(1, hex("00000001")));

        assertThat(readHex(ch)).isEqualTo("2a027ffe0002aabb");
        assertThat(readHex(ch)).isEqualTo("2a057fff0000");
        assertThat(readHex(ch)).isEqualTo("2a010000000400000001");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void randomStartStaysWithinPositiveSigned16Bits() {
        for (int i = 0; i < 200; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameEncoder());
            ch.writeOutbound(FlapFrame.keepAlive());
            ByteBuf out = ch.readOutbound();
            assertThat(out.getUnsignedShort(2)).isBetween(0, 0x7FFF);
            out.release();
            ch.finish();
        }
    }

    @Test
    void decoderReassemblesFramesSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder());
        ch.writeInbound(hex("2a 02 12 34 00"));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(hex("03 010203 2a05"));
        ch.writeInbound(hex("00010000"));

        FlapFrame first = ch.readInbound();
        assertThat(first.channel()).isEqualTo(2);
        assertThat(first.sequence()).isEqualTo(0x1234);
        assertThat(ByteBufUtil.hexDump(first.content())).isEqualTo("010203");
        first.release();
        FlapFrame second = ch.readInbound();
        assertThat(second.channel()).isEqualTo(5);
        assertThat(second.content().readableBytes()).isZero();
        second.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void badMarkerClosesTheConnectionWithoutAnException() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder());
        ch.writeInbound(hex("2a 05 0000 0000  47 45 54 20"));

        FlapFrame good = ch.readInbound();
        good.release();
        assertThat(ch.isOpen()).isFalse();
        ch.checkException();
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void truncatedFrameAtEofYieldsNothingAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder());
        ch.writeInbound(hex("2a 02 0000 0100 0102"));
        assertThat(ch.finish()).isFalse();
    }
}
