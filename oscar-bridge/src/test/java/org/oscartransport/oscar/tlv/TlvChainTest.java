package org.oscartransport.oscar.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TlvChainTest {

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void chainKeepsUnknownRepeatedAndEmptyTlvsAndLooksUpTheFirst() {
        ByteBuf buf = hex("0001 0002 0102  7777 0000  0001 0002 0304  0005 0001 09");
        TlvChain chain = TlvChain.readChain(buf);

        assertThat(chain.size()).isEqualTo(4);
        assertThat(chain.u16(0x0001, -1)).isEqualTo(0x0102);
        assertThat(chain.has(0x7777)).isTrue();
        assertThat(chain.bytes(0x7777)).isEmpty();
        assertThat(chain.bytes(0x0005)).containsExactly(0x09);
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void chainWithLengthStopsAtItsEnd() {
        ByteBuf buf = hex("0001 0001 AA  0002 0001 BB  FFFF");
        TlvChain chain = TlvChain.readChain(buf, 10);

        assertThat(chain.size()).isEqualTo(2);
        assertThat(buf.readableBytes()).isEqualTo(2);
    }

    @Test
    void tlvRunningPastTheChainEndIsMalformedEvenIfTheBufferHasMore() {
        ByteBuf buf = hex("0001 0004 AABB  CCDD EEFF");
        assertThatThrownBy(() -> TlvChain.readChain(buf, 6))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("0x0001");
    }

    @Test
    void truncatedHeaderIsMalformed() {
        assertThatThrownBy(() -> TlvChain.readChain(hex("0001 00")))
                .isInstanceOf(MalformedDataException.class);
    }

    @Test
    void blockReadsExactlyItsCountAndLeavesTheRest() {
        ByteBuf buf = hex("0002  0001 0000  0002 0001 05  0003 0000");
        TlvChain block = TlvChain.readBlock(buf);

        assertThat(block.size()).isEqualTo(2);
        assertThat(buf.readableBytes()).isEqualTo(4);
    }

    @Test
    void blockWithALyingCountIsMalformed() {
        assertThatThrownBy(() -> TlvChain.readBlock(hex("00FF  0001 0000")))
                .isInstanceOf(MalformedDataException.class);
    }

    @Test
    void lBlockReadsItsByteLength() {
        ByteBuf buf = hex("0005  00CA 0001 04  99");
        TlvChain lblock = TlvChain.readLBlock(buf);

        assertThat(lblock.bytes(0x00CA)).containsExactly(0x04);
        assertThat(buf.readableBytes()).isEqualTo(1);
    }

    @Test
    void lBlockLongerThanTheBufferIsMalformed() {
        assertThatThrownBy(() -> TlvChain.readLBlock(hex("0010 0001 0000")))
                .isInstanceOf(MalformedDataException.class);
    }

    @Test
    void writesWhatItReads() {
        TlvChain chain = TlvChain.of(Tlv.u16(1, 0xBEEF), Tlv.empty(2), Tlv.ascii(3, "hi"), Tlv.u32(4, 0xCAFEBABEL));
        ByteBuf out = Unpooled.buffer();
        chain.writeBlock(out);

        assertThat(HexFormat.of().formatHex(out.array(), 0, out.writerIndex()))
                .isEqualTo("0004" + "00010002beef" + "00020000" + "000300026869" + "00040004cafebabe");
        TlvChain back = TlvChain.readBlock(out);
        assertThat(back.all()).isEqualTo(chain.all());
        assertThat(back.u32(4, -1)).isEqualTo(0xCAFEBABEL);
    }
}
