package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The OFT2 header decoder on arbitrary bytes: in one piece, and through {@link OftHeaderReader} in arbitrary
 * pieces, which must agree. Only {@link OftProtocolException} may be thrown, and never a byte past hdrLen is
 * consumed.
 */
class OftHeaderFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void decode(byte[] input) {
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer(input.length).writeBytes(input);
        try {
            OftHeader header = OftHeaderCodec.decode(in);
            int hdrLen = ((input[4] & 0xFF) << 8) | (input[5] & 0xFF);
            assertThat(in.readerIndex()).isEqualTo(hdrLen);
            assertThat(hdrLen).isBetween(OftHeader.FIXED_LENGTH, OftHeader.MAX_LENGTH);
            assertThat(header.type()).isEqualTo(((input[6] & 0xFF) << 8) | (input[7] & 0xFF));
        } catch (OftProtocolException expected) {
            assertThat(in.readerIndex()).as("a refused header consumes nothing").isZero();
        } finally {
            in.release();
        }
    }

    @FuzzTest
    void inPieces(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 12)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 400);
        }
        byte[] input = data.consumeRemainingAsBytes();

        OftHeader whole = null;
        Class<?> wholeFailure = null;
        ByteBuf one = ByteBufAllocator.DEFAULT.buffer(input.length).writeBytes(input);
        try {
            whole = OftHeaderCodec.decode(one);
        } catch (OftProtocolException e) {
            wholeFailure = e.getClass();
        } finally {
            one.release();
        }

        OftHeaderReader reader = new OftHeaderReader();
        OftHeader pieced = null;
        Class<?> piecedFailure = null;
        int offset = 0;
        try {
            for (int i = 0; pieced == null && offset < input.length; i++) {
                int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
                ByteBuf piece = ByteBufAllocator.DEFAULT.buffer(n).writeBytes(input, offset, n);
                try {
                    pieced = reader.read(piece, ByteBufAllocator.DEFAULT);
                    offset += piece.readerIndex();
                } finally {
                    piece.release();
                }
            }
        } catch (OftProtocolException e) {
            piecedFailure = e.getClass();
        } finally {
            reader.release();
        }

        if (whole != null) {
            assertThat(pieced).isEqualTo(whole);
        } else if (piecedFailure == null) {
            // a truncated header: the reader is still waiting for more, having taken everything
            assertThat(pieced).isNull();
            assertThat(offset).isEqualTo(input.length);
        } else {
            assertThat(piecedFailure).isEqualTo(wholeFailure);
        }
    }
}
