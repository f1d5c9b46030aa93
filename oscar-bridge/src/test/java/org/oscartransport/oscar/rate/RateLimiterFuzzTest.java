package org.oscartransport.oscar.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;

/**
 * The client's rate limiter driven by arbitrary server parameters (any u32 levels and windows, as a reply or a
 * rate change may carry) and an arbitrary mix of submits, clock steps, rate changes, pauses and a close, on a
 * fake clock and scheduler. Properties: SNACs leave in submission order; none leaves while paused; none leaves
 * that drops its class to or below the level the limiter promises to keep above (a shadow moving average
 * checks, computed exactly); a non-empty queue that is not paused always has a drain scheduled; nothing is lost.
 */
class RateLimiterFuzzTest {

    private static final long U32 = 0xFFFF_FFFFL;
    /** About 35 years: the furthest the fake clock jumps to run a drain. */
    private static final long HORIZON_MILLIS = 1L << 40;
    /** The SNACs the target sends: three that classes may list and one no class lists. */
    private static final int[][] KINDS = {{4, 6}, {4, 7}, {2, 4}, {1, 2}};

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void pacing(FuzzedDataProvider data) {
        new Run(data).go();
    }

    private static final class Run {
        private final FuzzedDataProvider data;
        private long now = 1_000_000L;
        private final List<Task> tasks = new ArrayList<>();
        private final RateLimiter limiter;
        // shadow of what the server announced: levels as the server computes them from what was sent
        private final Map<Integer, ExactRateLevel> shadow = new HashMap<>();
        private final Set<Integer> limited = new HashSet<>();
        private Map<Integer, Integer> classOf = Map.of();
        private boolean paused;
        private int submitted;
        private int transmitted;
        private int failed;
        private int lastTransmitted = -1;

        private record Task(long at, Runnable run, CompletableFuture<Void> handle) {}

        Run(FuzzedDataProvider data) {
            this.data = data;
            int capacity = data.consumeInt(1, 8);
            limiter = new RateLimiter(() -> now, (task, delay) -> {
                assertThat(delay).as("a drain is scheduled ahead").isPositive();
                CompletableFuture<Void> handle = new CompletableFuture<>();
                tasks.add(new Task(delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay, task, handle));
                return handle;
            }, capacity);
        }

        void go() {
            configure();
            for (int step = 0; step < 64 && data.remainingBytes() > 0; step++) {
                switch (data.consumeInt(0, 7)) {
                    case 0, 1 -> submit();
                    case 2 -> advance(data.consumeLong(0, 200_000));
                    case 3 -> change();
                    case 4 -> {
                        paused = true;
                        limiter.pause();
                    }
                    case 5 -> {
                        paused = false;
                        limiter.resume();
                    }
                    case 6 -> configure();
                    default -> advanceToNextTask();
                }
                assertThat(submitted).as("nothing lost")
                        .isEqualTo(transmitted + failed + limiter.queued());
                if (!paused && limiter.queued() > 0) {
                    assertThat(tasks.stream().anyMatch(t -> !t.handle.isCancelled()))
                            .as("a waiting queue has a drain scheduled").isTrue();
                }
            }
            limiter.close(new IllegalStateException("closed"));
            assertThat(limiter.queued()).isZero();
            assertThat(submitted).isEqualTo(transmitted + failed);
        }

        private RateClass rateClass(int id) {
            return new RateClass(id, data.consumeLong(0, U32), data.consumeLong(0, U32), data.consumeLong(0, U32),
                    data.consumeLong(0, U32), data.consumeLong(0, U32), data.consumeLong(0, U32),
                    data.consumeLong(0, U32), data.consumeLong(0, U32), data.consumeBoolean());
        }

        private void configure() {
            int count = data.consumeInt(0, 3);
            List<RateClass> classes = new ArrayList<>();
            Map<Integer, List<Integer>> members = new HashMap<>();
            for (int id = 1; id <= count; id++) {
                classes.add(rateClass(id));
            }
            for (int[] kind : KINDS) {
                int id = data.consumeInt(0, 3);
                if (id >= 1 && id <= count) {
                    members.computeIfAbsent(id, k -> new ArrayList<>()).add(RateClasses.member(kind[0], kind[1]));
                }
            }
            RateClasses rc = new RateClasses(classes, members);
            shadow.clear();
            limited.clear();
            for (RateClass c : classes) {
                shadow.put(c.id(), new ExactRateLevel(c, now));
                if (c.dropping()) {
                    limited.add(c.id());
                }
            }
            classOf = rc.memberIndex();
            limiter.configure(rc);
        }

        private void change() {
            int code = data.consumeInt(1, 5);
            RateClass c = rateClass(data.consumeInt(1, 4));
            ExactRateLevel level = shadow.get(c.id());
            if (level != null) {
                level.update(c, now);
                if (code == RateChange.LIMITED || c.dropping()) {
                    limited.add(c.id());
                } else if (code == RateChange.CLEAR || code == RateChange.CHANGED) {
                    limited.remove(c.id());
                }
            }
            limiter.onRateChange(new RateChange(code, List.of(c)));
        }

        private void submit() {
            int[] kind = KINDS[data.consumeInt(0, KINDS.length - 1)];
            int seq = submitted++;
            limiter.submit(new RateLimiter.Outgoing() {
                @Override
                public int family() {
                    return kind[0];
                }

                @Override
                public int subtype() {
                    return kind[1];
                }

                @Override
                public void transmit() {
                    onTransmit(seq, kind);
                }

                @Override
                public void fail(Throwable cause) {
                    failed++;
                }
            });
        }

        private void onTransmit(int seq, int[] kind) {
            assertThat(paused).as("nothing leaves while paused").isFalse();
            assertThat(seq).as("submission order").isGreaterThan(lastTransmitted);
            lastTransmitted = seq;
            transmitted++;
            Integer id = classOf.get(RateClasses.member(kind[0], kind[1]));
            ExactRateLevel level = id == null ? null : shadow.get(id);
            if (level == null) {
                return;
            }
            long threshold = RateLimiter.threshold(level.params(), limited.contains(id));
            long after = level.record(now);
            if (threshold >= 0) {
                assertThat(after).as("class %d stays above %d", id, threshold).isGreaterThan(threshold);
            }
        }

        /** Moves the clock, running due drains in time order as an event loop would. */
        private void advance(long millis) {
            long until = now + millis;
            while (true) {
                Task next = tasks.stream().filter(t -> !t.handle.isCancelled() && t.at <= until)
                        .min((a, b) -> Long.compare(a.at, b.at)).orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                now = next.at;
                next.run.run();
            }
            tasks.removeIf(t -> t.handle.isCancelled());
            now = until;
        }

        /** Runs the next drain unless it is further off than any clock will get (absurd server numbers). */
        private void advanceToNextTask() {
            tasks.stream().filter(t -> !t.handle.isCancelled()).mapToLong(Task::at)
                    .filter(at -> at - now <= HORIZON_MILLIS).min()
                    .ifPresent(at -> advance(at - now));
        }
    }
}
