package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.RecordingListener.Typing;

/** Typing notifications both ways through the emulator, over real sockets. */
class TypingTest {

    private EmulatorFixture emulator;

    @BeforeEach
    void start() {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private OscarSession login(String uin, OscarSessionListener listener) throws Exception {
        return emulator.login(uin, listener);
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
