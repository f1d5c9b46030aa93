package org.oscartransport.oscar.rate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** Class 2 limits ICBM sends (0004/0006); window 10, alert 400, clear 500. Nothing else is limited. */
    private static final RateClass TIGHT = new RateClass(2, 10, 500, 400, 300, 100, 1000, 1000, 0, false);
    private static final RateClasses CLASSES = new RateClasses(List.of(TIGHT),
            Map.of(2, List.of(RateClasses.member(4, 6))));

    private long now;
    private final List<Task> scheduled = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private RateLimiter limiter;

    private record Task(long at, Runnable run, CompletableFuture<Void> handle) {}

    @BeforeEach
    void setUp() {
        limiter = new RateLimiter(() -> now, (task, delay) -> {
            CompletableFuture<Void> handle = new CompletableFuture<>();
            scheduled.add(new Task(now + delay, task, handle));
            return handle;
        }, 5);
        limiter.configure(CLASSES);
    }

    /** Moves the fake clock, running due tasks in time order as an event loop would. */
    private void advanceTo(long time) {
        while (true) {
            Task next = scheduled.stream().filter(t -> !t.handle.isCancelled() && t.at <= time)
                    .min((a, b) -> Long.compare(a.at, b.at)).orElse(null);
            if (next == null) {
                break;
            }
            scheduled.remove(next);
            now = next.at;
            next.run.run();
        }
        now = time;
    }

    private List<Task> pending() {
        return scheduled.stream().filter(t -> !t.handle.isCancelled()).toList();
    }

    /** Records its fate in {@link #sent} (with the fake time) or {@link #failed}. */
    private final class Named implements RateLimiter.Outgoing {
        private final int family;
        private final int subtype;
        private final String name;

        Named(int family, int subtype, String name) {
            this.family = family;
            this.subtype = subtype;
            this.name = name;
        }

        @Override
        public int family() {
            return family;
        }

        @Override
        public int subtype() {
            return subtype;
        }

        @Override
        public void transmit() {
            sent.add(name + "@" + now);
        }

        @Override
        public void fail(Throwable cause) {
            failed.add(name + ":" + cause.getClass().getSimpleName());
        }
    }

    private void submit(int family, int subtype, String name) {
        limiter.submit(new Named(family, subtype, name));
    }

    private void im(String name) {
        submit(4, 6, name);
    }

    @Test
    void snacsGoAtOnceWhileTheLevelStaysAboveAlert() {
        for (int i = 1; i <= 8; i++) {
            im("m" + i); // levels 900, 810, 729, 656, 590, 531, 477, 429
        }

        assertThat(sent).hasSize(8).allMatch(s -> s.endsWith("@0"));
        assertThat(pending()).isEmpty();
    }

    @Test
    void theSnacThatWouldReachAlertWaitsUntilItWouldNot() {
        for (int i = 1; i <= 9; i++) {
            im("m" + i);
        }

        assertThat(sent).hasSize(8); // a ninth at once would leave (429 × 9) / 10 = 386 ≤ 400
        assertThat(limiter.queued()).isEqualTo(1);
        assertThat(pending()).singleElement().extracting(Task::at).isEqualTo(149L); // see RateLevelTest

        advanceTo(148);
        assertThat(sent).hasSize(8);
        advanceTo(149);
        assertThat(sent).last().isEqualTo("m9@149");
        assertThat(limiter.queued()).isZero();
    }

    @Test
    void queuedSnacsLeaveInOrderAndLaterOnesQueueBehindThemEvenIfUnlimited() {
        for (int i = 1; i <= 10; i++) {
            im("m" + i);
        }
        submit(1, 0x11, "idle"); // no class limits it, but it must not overtake m9 and m10

        assertThat(sent).hasSize(8);
        advanceTo(10_000);

        assertThat(sent.subList(8, 11)).extracting(s -> s.substring(0, s.indexOf('@')))
                .containsExactly("m9", "m10", "idle");
        assertThat(failed).isEmpty();
    }

    @Test
    void aFullQueueFailsTheNewSnacAndKeepsTheOthers() {
        for (int i = 1; i <= 8 + 5; i++) {
            im("m" + i);
        }
        im("overflow");

        assertThat(failed).containsExactly("overflow:RateQueueFullException");
        assertThat(limiter.queued()).isEqualTo(5);
        advanceTo(60_000);
        assertThat(sent).hasSize(13);
    }

    @Test
    void beforeTheRateReplyNothingIsLimited() {
        RateLimiter fresh = new RateLimiter(() -> now, (task, delay) -> {
            throw new AssertionError("nothing should wait");
        }, 1);
        for (int i = 0; i < 50; i++) {
            fresh.submit(new Named(4, 6, "m" + i));
        }

        assertThat(sent).hasSize(50);
        assertThat(failed).isEmpty();
    }

    @Test
    void aLimitedNoticeHoldsTheClassUntilItsLevelIsBackAtClear() {
        limiter.onRateChange(new RateChange(RateChange.LIMITED, List.of(TIGHT.withCurrent(290, true))));
        im("m1");

        // (290 × 9 + gap) / 10 ≥ 500 needs gap ≥ 5000 − 2610 = 2390 ms
        assertThat(sent).isEmpty();
        advanceTo(2389);
        assertThat(sent).isEmpty();
        advanceTo(2390);
        assertThat(sent).containsExactly("m1@2390");

        limiter.onRateChange(new RateChange(RateChange.CLEAR, List.of(TIGHT.withCurrent(500, false))));
        im("m2"); // back to the alert rule: (500 × 9) / 10 = 450 > 400
        assertThat(sent).last().isEqualTo("m2@2390");
    }

    @Test
    void aWarningLowersOurLevelToTheServersAndSoSlowsUsDown() {
        limiter.onRateChange(new RateChange(RateChange.WARNING, List.of(TIGHT.withCurrent(399, false))));
        im("m1");

        assertThat(sent).isEmpty();
        assertThat(pending()).singleElement().extracting(Task::at).isEqualTo(4010L - 399 * 9);
    }

    @Test
    void aPauseHoldsEverythingUntilResume() {
        limiter.pause();
        submit(1, 0x11, "idle");
        im("m1");
        advanceTo(10_000);
        assertThat(sent).isEmpty();

        limiter.resume();

        assertThat(sent).containsExactly("idle@10000", "m1@10000");
    }

    @Test
    void closingFailsWhatWaitsAndWhatComesLater() {
        for (int i = 1; i <= 10; i++) {
            im("m" + i);
        }
        limiter.close(new IllegalStateException("gone"));
        im("late");
        advanceTo(60_000);

        assertThat(sent).hasSize(8);
        assertThat(failed).containsExactly("m9:IllegalStateException", "m10:IllegalStateException",
                "late:IllegalStateException");
    }

    @Test
    void aClassWhoseMaximumCannotClearTheAlertLevelFallsBackToTheLimitLevel() {
        RateClass odd = new RateClass(2, 10, 500, 400, 300, 100, 350, 350, 0, false);
        assertThat(RateLimiter.threshold(odd, false)).isEqualTo(300);
        assertThat(RateLimiter.threshold(new RateClass(2, 10, 500, 400, 300, 100, 200, 200, 0, false), false))
                .isEqualTo(-1);
    }
}
