package org.oscartransport.oscar.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.flap.OscarPipeline;

/**
 * The client's BUCP login against a login server that sends arbitrary bytes. Whatever it sends, nothing escapes
 * the pipeline and the login ends exactly one way: a usable BOS ticket or an {@link OscarLoginException}.
 */
class LoginClientFuzzTest {

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void serverStream(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(1, 300);
        }
        byte[] input = data.consumeRemainingAsBytes();

        EmbeddedChannel ch = new EmbeddedChannel();
        Promise<BosTicket> result = ch.eventLoop().newPromise();
        ch.pipeline().addLast(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                OscarPipeline.addCodecs(c.pipeline());
                c.pipeline().addLast(new LoginClientHandler("10001", "secret", 5190, result));
            }
        });
        ch.pipeline().fireChannelActive();
        int offset = 0;
        for (int i = 0; offset < input.length && ch.isOpen(); i++) {
            int n = i < cuts.length ? Math.min(cuts[i], input.length - offset) : input.length - offset;
            ch.writeInbound(ch.alloc().buffer(n).writeBytes(input, offset, n));
            offset += n;
            releaseOutbound(ch);
        }
        ch.close();
        ch.checkException();
        releaseOutbound(ch);

        assertThat(result.isDone()).as("the login ended").isTrue();
        if (result.isSuccess()) {
            BosTicket ticket = result.getNow();
            assertThat(ticket.port()).isBetween(1, 0xFFFF);
            assertThat(ticket.cookie()).isNotEmpty();
        } else {
            assertThat(result.cause()).isInstanceOf(OscarLoginException.class);
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private static void releaseOutbound(EmbeddedChannel ch) {
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            out.release();
        }
    }
}
