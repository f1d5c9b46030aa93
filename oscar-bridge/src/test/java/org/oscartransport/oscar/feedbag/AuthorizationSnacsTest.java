package org.oscartransport.oscar.feedbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.tlv.MalformedDataException;

class AuthorizationSnacsTest {

    @Test
    void requestIsNameThenNulTerminatedReasonThenZero() {
        ByteBuf out = Unpooled.buffer();
        AuthorizationSnacs.writeRequest(out, "1234", "hi");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("04" + "31323334" + "0003" + "686900" + "0000");
        assertThat(AuthorizationSnacs.readRequest(out)).isEqualTo(new AuthorizationSnacs.Request("1234", "hi"));
        out.release();
    }

    @Test
    void replyCarriesTheVerdictAndMayLackAReason() {
        ByteBuf out = Unpooled.buffer();
        AuthorizationSnacs.writeReply(out, "1234", false, null);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("04" + "31323334" + "00" + "0000" + "0000");
        assertThat(AuthorizationSnacs.readReply(out)).isEqualTo(new AuthorizationSnacs.Reply("1234", false, null));
        // some clients end right after the verdict
        ByteBuf shortReply = Unpooled.wrappedBuffer(new byte[] {1, '7', 1});
        assertThat(AuthorizationSnacs.readReply(shortReply)).isEqualTo(new AuthorizationSnacs.Reply("7", true, null));
        out.release();
    }

    @Test
    void overlongReasonIsCutOnACharacterBoundary() {
        ByteBuf out = Unpooled.buffer();
        AuthorizationSnacs.writeRequest(out, "1", "✓".repeat(10_000));
        String reason = AuthorizationSnacs.readRequest(out).reason();
        assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AuthorizationSnacs.MAX_REASON_BYTES);
        assertThat(reason).matches("✓+");
        out.release();
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> AuthorizationSnacs.requireName("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizationSnacs.requireName("ü")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizationSnacs.readRequest(Unpooled.wrappedBuffer(new byte[] {0, 0, 0})))
                .isInstanceOf(MalformedDataException.class);
        assertThatThrownBy(() -> AuthorizationSnacs.readRequest(Unpooled.wrappedBuffer(new byte[] {5, '1'})))
                .isInstanceOf(MalformedDataException.class);
    }
}
