package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.icbm.ImText;
import org.oscartransport.oscar.icbm.LongText;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.session.RecordingListener.Message;

/**
 * Our client against an emulator that enforces a tight rate class on IMs and typing and accepts only small ICBMs,
 * over real sockets: bursts and long texts must arrive whole and in order without one rate violation.
 */
class RateLimitedSessionTest {

    /**
     * Class 2: window 10, so after about 20 IMs at once a client must keep roughly 100 ms between IMs; the emulator
     * refuses below 30 and disconnects below 10. Class 1 stays as the emulator always announced it.
     */
    static final RateClasses TIGHT = new RateClasses(List.of(
            new RateClass(1, 80, 2500, 2000, 1500, 800, 6000, 6000, 0, false),
            new RateClass(2, 10, 150, 100, 30, 10, 1000, 1000, 0, false)),
            Map.of(2, List.of(RateClasses.member(0x0004, 0x0006), RateClasses.member(0x0004, 0x0014))));

    static final int SMALL_ICBM = 1000;

    private EmulatorFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        fixture.emulator().options().rateClasses(TIGHT).maxMessageLength(SMALL_ICBM);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aBurstOfSixtyImsArrivesInOrderWithoutARateViolation() throws Exception {
        RecordingListener bob = new RecordingListener();
        OscarSession alice = fixture.login("710001", new RecordingListener());
        fixture.login("710002", bob);

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            sent.add(alice.sendMessage("710002", "message " + i));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int i = 1; i <= 60; i++) {
            assertThat(next(bob.messages)).isEqualTo(new Message("710001", "message " + i));
        }
        assertThat(fixture.emulator().rateViolations("710001")).isZero();
        assertThat(alice.closeFuture()).isNotDone();
    }

    @Test
    void aLongTextWithNonBmpCharactersArrivesAsPartsThatJoinToTheOriginal() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 20_000; i++) {
            sb.append(switch (i % 4) {
                case 0 -> "Lorem ipsum dolor sit amet, ";
                case 1 -> "𝄞 music 😀 and ";
                case 2 -> "Привет, 世界 &amp; ";
                default -> "🚀🚀🚀\n";
            });
        }
        String text = sb.substring(0, 20_000);
        int expectedParts = LongText.split(text, SMALL_ICBM - ImText.OVERHEAD).size();
        RecordingListener bob = new RecordingListener();
        OscarSession alice = fixture.login("720001", new RecordingListener());
        fixture.login("720002", bob);

        alice.sendMessage("720002", text).get(60, TimeUnit.SECONDS);

        StringBuilder received = new StringBuilder();
        for (int i = 0; i < expectedParts; i++) {
            Message part = next(bob.messages);
            assertThat(part.from()).isEqualTo("720001");
            received.append(part.text());
        }
        assertThat(expectedParts).isGreaterThan(20); // 20,000 UTF-16 units, mostly non-ASCII, 987 bytes a part
        assertThat(received.toString()).isEqualTo(text);
        assertThat(bob.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(fixture.emulator().rateViolations("720001")).isZero();
    }
}
