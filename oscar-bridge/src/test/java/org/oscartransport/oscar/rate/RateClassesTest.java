package org.oscartransport.oscar.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.tlv.MalformedDataException;

class RateClassesTest {

    private static final RateClasses TWO = new RateClasses(List.of(
            new RateClass(1, 80, 2500, 2000, 1500, 800, 5999, 6000, 17, false),
            new RateClass(2, 10, 300, 200, 100, 50, 1000, 1000, 0, true)),
            Map.of(2, List.of(RateClasses.member(4, 6), RateClasses.member(4, 0x14))));

    @Test
    void anExtendedReplyReadsBackAsWritten() {
        ByteBuf wire = Unpooled.buffer();
        TWO.write(wire);

        RateClasses read = RateClasses.read(wire);

        assertThat(read).isEqualTo(TWO);
        assertThat(read.memberIndex()).containsEntry(RateClasses.member(4, 6), 2)
                .doesNotContainKey(RateClasses.member(4, 7));
        assertThat(read.classIds()).containsExactly(1, 2);
        assertThat(wire.isReadable()).isFalse();
    }

    @Test
    void theDefaultEmulatorReplyIsTheBytesLibpurpleAccepts() {
        ByteBuf wire = Unpooled.buffer();
        new RateClasses(List.of(new RateClass(1, 80, 2500, 2000, 1500, 800, 6000, 6000, 0, false)), Map.of())
                .write(wire);

        assertThat(ByteBufUtil.hexDump(wire)).isEqualTo("0001" + "0001" + "00000050" + "000009c4" + "000007d0"
                + "000005dc" + "00000320" + "00001770" + "00001770" + "00000000" + "00" + "0001" + "0000");
    }

    @Test
    void aReplyWithoutTheExtendedBytesIsReadToo() {
        ByteBuf wire = Unpooled.buffer();
        wire.writeShort(1);
        wire.writeShort(3).writeInt(40).writeInt(300).writeInt(200).writeInt(100).writeInt(50).writeInt(900)
                .writeInt(1000);
        wire.writeShort(3).writeShort(1).writeShort(4).writeShort(6);

        RateClasses read = RateClasses.read(wire);

        assertThat(read.classes()).containsExactly(new RateClass(3, 40, 300, 200, 100, 50, 900, 1000, -1, false));
        assertThat(read.memberIndex()).containsExactly(Map.entry(RateClasses.member(4, 6), 3));
    }

    @Test
    void anEmptyReplyLimitsNothing() {
        RateClasses read = RateClasses.read(Unpooled.buffer().writeShort(0));

        assertThat(read.classes()).isEmpty();
        assertThat(read.memberIndex()).isEmpty();
    }

    @Test
    void truncatedRecordsAreAClearError() {
        ByteBuf wire = Unpooled.buffer().writeShort(2).writeShort(1).writeInt(80);

        assertThatThrownBy(() -> RateClasses.read(wire)).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void membersOfAnUnannouncedClassAreAClearError() {
        ByteBuf wire = Unpooled.buffer();
        new RateClasses(List.of(TWO.classes().get(0)), Map.of()).write(wire);
        wire.writerIndex(wire.writerIndex() - 4); // drop class 1's empty member list
        wire.writeShort(9).writeShort(1).writeInt(RateClasses.member(4, 6));

        assertThatThrownBy(() -> RateClasses.read(wire)).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void aRateChangeReadsBackAsWritten() {
        RateChange change = new RateChange(RateChange.LIMITED, List.of(TWO.classes().get(1)));
        ByteBuf wire = Unpooled.buffer();
        change.write(wire);

        assertThat(RateChange.read(wire)).isEqualTo(change);
    }
}
