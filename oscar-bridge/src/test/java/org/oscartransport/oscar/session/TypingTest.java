package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.RecordingListener.Typing;

/** Typing notifications both ways through the emulator, over real sockets. */
class TypingTest {

    private EventLoopGroup group;
    private OscarEmulator emulator;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterEach
    void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private OscarSession login(String uin, OscarSessionListener listener) throws Exception {
        OscarClient client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        return client.login(uin, "x", listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void typingPausedAndStoppedReachTheContactBothWays() throws Exception {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        OscarSession alice = login("100001", a);
        OscarSession bob = login("200002", b);

        for (TypingState state : TypingState.values()) {
            alice.sendTyping("200002", state).get(5, TimeUnit.SECONDS);
            assertThat(next(b.typing)).isEqualTo(new Typing("100001", state));
        }
        bob.sendTyping("100001", TypingState.TYPING).get(5, TimeUnit.SECONDS);
        assertThat(next(a.typing)).isEqualTo(new Typing("200002", TypingState.TYPING));
        alice.close();
        bob.close();
    }
}
