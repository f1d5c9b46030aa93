package org.oscartransport.oscar.snac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.flap.FlapFrameDecoder;
import org.oscartransport.oscar.flap.FlapFrameEncoder;

class SnacCodecTest {

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void decodesHeaderAndSkipsTheVersionPrefix() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder(), new SnacDecoder());
        ch.writeInbound(hex("2a02 0001 0014  0004 0007 8000 00000042  0006 0001 0002 0001  CAFE"));

        Snac snac = ch.readInbound();
        assertThat(snac.family()).isEqualTo(4);
        assertThat(snac.subtype()).isEqualTo(7);
        assertThat(snac.requestId()).isEqualTo(0x42);
        assertThat(ByteBufUtil.hexDump(snac.content())).isEqualTo("cafe");
        snac.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void otherChannelsPassThroughAsFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder(), new SnacDecoder());
        ch.writeInbound(hex("2a01 0001 0004 00000001"));

        FlapFrame frame = ch.readInbound();
        assertThat(frame.channel()).isEqualTo(1);
        frame.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void prefixLongerThanTheSnacIsMalformed() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder(), new SnacDecoder());
        assertThatThrownBy(() -> ch.writeInbound(hex("2a02 0001 000d  0004 0007 8000 00000001 0010 00")))
                .isInstanceOf(DecoderException.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void truncatedHeaderIsMalformed() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameDecoder(), new SnacDecoder());
        assertThatThrownBy(() -> ch.writeInbound(hex("2a02 0001 0004  0004 0007")))
                .isInstanceOf(DecoderException.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encodesIntoAChannel2Frame() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlapFrameEncoder(5), new SnacEncoder());
        ch.writeOutbound(Snac.of(0x0017, 0x0006, 1, hex("0001 0003 313233")));

        ByteBuf out = ch.readOutbound();
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("2a020005001100170006000000000001" + "00010003313233");
        out.release();
        assertThat(ch.finish()).isFalse();
    }
}
