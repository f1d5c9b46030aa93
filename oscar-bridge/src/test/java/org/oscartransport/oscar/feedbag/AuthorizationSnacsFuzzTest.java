package org.oscartransport.oscar.feedbag;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.tlv.MalformedDataException;

/**
 * The ICQ authorization SNAC bodies (0013/0014–001C) on arbitrary bytes, as a server or peer may send them. Only
 * {@link MalformedDataException} may escape; what is accepted names a valid screen name, has no NUL at the end
 * of its reason, and writes back to a body that reads again the same (a reason longer than we send comes back
 * as a prefix of itself).
 */
class AuthorizationSnacsFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void request(byte[] input) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            AuthorizationSnacs.Request read;
            try {
                read = AuthorizationSnacs.readRequest(in);
            } catch (MalformedDataException expected) {
                return;
            }
            checkName(read.uin());
            AuthorizationSnacs.writeRequest(out, read.uin(), read.reason());
            AuthorizationSnacs.Request again = AuthorizationSnacs.readRequest(out);
            assertThat(again.uin()).isEqualTo(read.uin());
            checkReason(read.reason(), again.reason());
        } finally {
            in.release();
            out.release();
        }
    }

    @FuzzTest
    void reply(byte[] input) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            AuthorizationSnacs.Reply read;
            try {
                read = AuthorizationSnacs.readReply(in);
            } catch (MalformedDataException expected) {
                return;
            }
            checkName(read.uin());
            AuthorizationSnacs.writeReply(out, read.uin(), read.granted(), read.reason());
            AuthorizationSnacs.Reply again = AuthorizationSnacs.readReply(out);
            assertThat(again.uin()).isEqualTo(read.uin());
            assertThat(again.granted()).isEqualTo(read.granted());
            checkReason(read.reason(), again.reason());
        } finally {
            in.release();
            out.release();
        }
    }

    private static void checkName(String uin) {
        assertThat(uin).isNotEmpty().hasSizeLessThanOrEqualTo(255);
        assertThat(uin.chars().allMatch(c -> c < 0x80)).isTrue();
    }

    private static void checkReason(String read, String again) {
        if (read == null) {
            assertThat(again).isNull();
            return;
        }
        assertThat(read).doesNotEndWith("\0");
        assertThat(again).isNotNull();
        assertThat(again.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AuthorizationSnacs.MAX_REASON_BYTES);
        if (read.getBytes(StandardCharsets.UTF_8).length <= AuthorizationSnacs.MAX_REASON_BYTES) {
            assertThat(again).isEqualTo(read);
        } else {
            assertThat(read).startsWith(again);
        }
    }
}
