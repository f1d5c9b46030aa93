package org.oscartransport.oscar.snac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.tlv.MalformedDataException;

/**
 * SNAC header decoding of one channel-2 FLAP payload. A payload too short for its header or its 0x8000 prefix
 * is a {@link MalformedDataException}; anything else yields a SNAC whose fields are the header bytes and whose
 * body is the rest after the prefix.
 */
class SnacDecoderFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void header(byte[] payload) {
        EmbeddedChannel ch = new EmbeddedChannel(new SnacDecoder());
        ByteBuf buf = ch.alloc().buffer(payload.length).writeBytes(payload);
        int prefix = expectedPrefix(payload);
        if (payload.length < Snac.HEADER_LENGTH || prefix < 0 || Snac.HEADER_LENGTH + prefix > payload.length) {
            assertThatThrownBy(() -> ch.writeInbound(new FlapFrame(FlapFrame.CHANNEL_DATA, buf)))
                    .isInstanceOf(MalformedDataException.class);
            assertThat(buf.refCnt()).as("the frame is released on failure").isZero();
            assertThat(ch.finish()).isFalse();
            return;
        }
        ch.writeInbound(new FlapFrame(FlapFrame.CHANNEL_DATA, buf));
        Snac snac = ch.readInbound();
        try {
            assertThat(snac.family()).isEqualTo(u16(payload, 0));
            assertThat(snac.subtype()).isEqualTo(u16(payload, 2));
            assertThat(snac.flags()).isEqualTo(u16(payload, 4));
            assertThat(snac.requestId()).isEqualTo(((long) u16(payload, 6) << 16) | u16(payload, 8));
            byte[] body = ByteBufUtil.getBytes(snac.content());
            assertThat(body.length).isEqualTo(payload.length - Snac.HEADER_LENGTH - prefix);
        } finally {
            snac.release();
        }
        assertThat(ch.finish()).isFalse();
    }

    /** Bytes the 0x8000 prefix takes (with its length field), 0 without one, -1 if its length is cut off. */
    private static int expectedPrefix(byte[] p) {
        if (p.length < Snac.HEADER_LENGTH || (u16(p, 4) & Snac.FLAG_HAS_PREFIX) == 0) {
            return 0;
        }
        return p.length < Snac.HEADER_LENGTH + 2 ? -1 : 2 + u16(p, Snac.HEADER_LENGTH);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
