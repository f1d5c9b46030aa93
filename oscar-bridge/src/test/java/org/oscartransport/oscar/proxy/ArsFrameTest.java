package org.oscartransport.oscar.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.tlv.MalformedDataException;

/** ARS frames as oscar.md §7.1 and §12.4 give them. */
class ArsFrameTest {

    private static final byte[] COOKIE = "1234567\0".getBytes(StandardCharsets.US_ASCII);
    private static final String SEND_FILE = "094613434c7f11d18222444553540000";

    private static String hex(ArsFrame frame) {
        ByteBuf buf = frame.encode(ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void initSendHasLength39PlusName() {
        String expected = "002a" + "044a" + "0002" + "00000000" + "0000"
                + "03" + "313131" + "3132333435363700" + "0001" + "0010" + SEND_FILE;
        assertThat(hex(ArsFrame.initSend("111", COOKIE, Capabilities.SEND_FILE))).isEqualTo(expected);
        assertThat(Integer.parseInt(expected.substring(0, 4), 16)).isEqualTo(39 + 3);
    }

    @Test
    void initRecvHasLength41PlusNameAndCarriesThePin() {
        String expected = "002c" + "044a" + "0004" + "00000000" + "0000"
                + "03" + "313131" + "beef" + "3132333435363700" + "0001" + "0010" + SEND_FILE;
        assertThat(hex(ArsFrame.initRecv("111", 0xBEEF, COOKIE, Capabilities.SEND_FILE))).isEqualTo(expected);
    }

    @Test
    void serverFramesCarryAolsFlags() {
        assertThat(hex(ArsFrame.ack(0x1234, new byte[] {127, 0, 0, 1})))
                .isEqualTo("0010044a0003000000000220" + "1234" + "7f000001");
        assertThat(hex(ArsFrame.ready())).isEqualTo("000a044a0005000000000220");
        assertThat(hex(ArsFrame.error(0x001A))).isEqualTo("000c044a000100000000022" + "0001a");
    }

    @Test
    void readsBackWhatItWrites() {
        ByteBuf buf = ArsFrame.initRecv("42", 7, COOKIE, Capabilities.SEND_FILE).encode(ByteBufAllocator.DEFAULT);
        try {
            ArsFrame frame = ArsFrame.read(buf);
            ArsFrame.Init init = frame.init();
            assertThat(init.name()).isEqualTo("42");
            assertThat(init.pin()).isEqualTo(7);
            assertThat(init.cookie()).isEqualTo(COOKIE);
            assertThat(init.capability()).isEqualTo(Capabilities.SEND_FILE);
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
        ArsFrame ack = ArsFrame.read(Unpooled.wrappedBuffer(HexFormat.of().parseHex("0010044a00030000000002201234c0a80001")));
        assertThat(ack.ackPin()).isEqualTo(0x1234);
        assertThat(ack.ackIp()).containsExactly(192, 168, 0, 1);
        assertThat(ArsFrame.read(Unpooled.wrappedBuffer(HexFormat.of().parseHex("000c044a00010000000002200010")))
                .errorCode()).isEqualTo(0x0010);
    }

    @Test
    void waitsForAWholeFrameAndRejectsForeignOnes() {
        ByteBuf partial = Unpooled.wrappedBuffer(HexFormat.of().parseHex("000c044a0001"));
        assertThat(ArsFrame.read(partial)).isNull();
        assertThat(partial.readerIndex()).isZero();
        assertThatThrownBy(() -> ArsFrame.read(Unpooled.wrappedBuffer(HexFormat.of().parseHex("000a2a020001000000000000"))))
                .isInstanceOf(MalformedDataException.class);
        assertThatThrownBy(() -> ArsFrame.read(Unpooled.wrappedBuffer(HexFormat.of().parseHex("0004044a0001"))))
                .isInstanceOf(MalformedDataException.class);
    }
}
