package org.oscartransport.oscar.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.tlv.MalformedDataException;

/**
 * The rate reply (0001/0007) and rate change (0001/000A) parsers on arbitrary server bytes. Only
 * {@link MalformedDataException} may escape; whatever is accepted writes back (in the extended form) to bytes
 * that read again to the same classes, so the emulator and the client agree on what a reply says.
 */
class RateFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void classes(byte[] input) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            RateClasses read;
            try {
                read = RateClasses.read(in);
            } catch (MalformedDataException expected) {
                return;
            }
            assertThat(read.membersByClass().keySet()).isSubsetOf(read.classIds());
            assertThat(read.memberIndex().values()).allSatisfy(id -> assertThat(read.classIds()).contains(id));
            read.write(out);
            RateClasses again = RateClasses.read(out);
            assertThat(out.isReadable()).as("the written reply is read whole").isFalse();
            assertThat(again.classes()).isEqualTo(asWritten(read.classes()));
            assertThat(again.memberIndex()).isEqualTo(read.memberIndex());
        } finally {
            in.release();
            out.release();
        }
    }

    @FuzzTest
    void change(byte[] input) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            RateChange read;
            try {
                read = RateChange.read(in);
            } catch (MalformedDataException expected) {
                return;
            }
            assertThat(in.isReadable()).as("a rate change is read to its end").isFalse();
            assertThat(read.classes()).isNotEmpty();
            assertThat(read.codeName()).isNotBlank();
            read.write(out);
            RateChange again = RateChange.read(out);
            assertThat(again.code()).isEqualTo(read.code());
            assertThat(again.classes()).isEqualTo(asWritten(read.classes()));
        } finally {
            in.release();
            out.release();
        }
    }

    /** What {@link RateClass#write} makes of records that had no extended bytes: last time 0. */
    private static List<RateClass> asWritten(List<RateClass> classes) {
        return classes.stream()
                .map(c -> new RateClass(c.id(), c.window(), c.clear(), c.alert(), c.limit(), c.disconnect(),
                        c.current(), c.max(), Math.max(0, c.lastTimeMillis()), c.dropping()))
                .toList();
    }
}
