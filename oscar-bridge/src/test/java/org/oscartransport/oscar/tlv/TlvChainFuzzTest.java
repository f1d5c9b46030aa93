package org.oscartransport.oscar.tlv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The three TLV container readers on arbitrary bytes. Whatever they accept must write back to exactly the bytes
 * they consumed (a relay passes chains on unchanged); whatever they refuse must be a
 * {@link MalformedDataException}, with the buffer still released by its owner.
 */
class TlvChainFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void chain(byte[] input) {
        roundTrip(input, TlvChain::readChain, TlvChain::writeChain);
    }

    @FuzzTest
    void block(byte[] input) {
        roundTrip(input, TlvChain::readBlock, TlvChain::writeBlock);
    }

    @FuzzTest
    void lBlock(byte[] input) {
        roundTrip(input, TlvChain::readLBlock, TlvChain::writeLBlock);
    }

    private static void roundTrip(byte[] input, Function<ByteBuf, TlvChain> read,
            java.util.function.BiConsumer<TlvChain, ByteBuf> write) {
        // a pooled direct buffer, so the PARANOID leak detector sees it
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            TlvChain chain;
            try {
                chain = read.apply(in);
            } catch (MalformedDataException expected) {
                return;
            }
            write.accept(chain, out);
            byte[] consumed = new byte[in.readerIndex()];
            in.getBytes(0, consumed);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(consumed);
            for (Tlv tlv : chain.all()) {
                assertThat(tlv.length()).isLessThanOrEqualTo(input.length);
            }
        } finally {
            in.release();
            out.release();
        }
    }
}
