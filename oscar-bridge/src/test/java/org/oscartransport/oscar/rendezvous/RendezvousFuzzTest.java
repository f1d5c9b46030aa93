package org.oscartransport.oscar.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.tlv.MalformedDataException;

/**
 * The rendezvous block (value of ICBM TLV 0x0005) and the Send File service data (TLV 0x2711) on arbitrary
 * bytes. An accepted block writes back byte for byte (the emulator re-encodes proposals it relays); a refused
 * one is a {@link MalformedDataException}.
 */
class RendezvousFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void block(byte[] value) {
        RendezvousBlock block;
        try {
            block = RendezvousBlock.read(value);
        } catch (MalformedDataException expected) {
            return;
        }
        assertThat(block.toBytes()).isEqualTo(value);
    }

    @FuzzTest
    void serviceData(FuzzedDataProvider data) {
        // TLV 0x2712 is free text from the peer: it names the charset the decoder will look up
        String charset = data.consumeBoolean() ? null : data.consumeString(40);
        byte[] value = data.consumeRemainingAsBytes();
        FileServiceData file;
        try {
            file = FileServiceData.parse(value, charset);
        } catch (MalformedDataException expected) {
            assertThat(value.length).as("only a value shorter than its fixed fields is refused").isLessThan(8);
            return;
        }
        assertThat(file.kind()).isBetween(0, 0xFFFF);
        assertThat(file.fileCount()).isBetween(0, 0xFFFF);
        assertThat(file.totalSize32()).isBetween(0L, 0xFFFFFFFFL);
        assertThat(file.name()).isNotNull();
        // what we parse, we can offer again: the encoding reads back to the same fields
        FileServiceData again = FileServiceData.parse(file.encode(), "utf-8");
        assertThat(again.kind()).isEqualTo(file.kind());
        assertThat(again.fileCount()).isEqualTo(file.fileCount());
        assertThat(again.totalSize32()).isEqualTo(file.totalSize32());
    }
}
