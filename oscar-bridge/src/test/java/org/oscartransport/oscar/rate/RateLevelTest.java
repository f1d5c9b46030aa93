package org.oscartransport.oscar.rate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLevelTest {

    /** Window 10 makes the arithmetic easy to follow by hand. */
    private static final RateClass TEN = new RateClass(1, 10, 500, 400, 300, 100, 1000, 1000, 0, false);

    @Test
    void eachSnacMovesTheAverageOneWindowTowardsTheGapSinceTheLast() {
        RateLevel level = new RateLevel(TEN, 0);

        assertThat(level.record(0)).isEqualTo(900); // (1000 × 9 + 0) / 10
        assertThat(level.record(0)).isEqualTo(810);
        assertThat(level.record(100)).isEqualTo(739); // (810 × 9 + 100) / 10 = 739, rounded down
        assertThat(level.level()).isEqualTo(739);
    }

    @Test
    void theLevelNeverRisesAboveTheMaximum() {
        RateLevel level = new RateLevel(TEN, 0);
        level.record(0);

        assertThat(level.levelIfSentAt(60_000)).isEqualTo(1000);
    }

    @Test
    void aLookAheadDoesNotCount() {
        RateLevel level = new RateLevel(TEN, 0);

        assertThat(level.levelIfSentAt(0)).isEqualTo(900);
        assertThat(level.levelIfSentAt(0)).isEqualTo(900);
        assertThat(level.level()).isEqualTo(1000);
    }

    @Test
    void theWaitIsTheShortestGapThatKeepsTheLevelAboveTheThreshold() {
        RateLevel level = new RateLevel(TEN, 0);
        for (int i = 0; i < 8; i++) {
            level.record(0);
        }
        assertThat(level.level()).isEqualTo(429); // 900, 810, 729, 656, 590, 531, 477, 429: each rounded down

        long wait = level.millisUntilAbove(400, 10);
        // (429 × 9 + gap) / 10 > 400 needs a gap ≥ 4010 − 3861 = 149 ms after the SNAC at 0; 10 ms have passed
        assertThat(wait).isEqualTo(139);
        assertThat(level.levelIfSentAt(10 + wait)).isEqualTo(401);
        assertThat(level.levelIfSentAt(10 + wait - 1)).isEqualTo(400);
    }

    @Test
    void noWaitWhenTheLevelIsHighEnough() {
        assertThat(new RateLevel(TEN, 0).millisUntilAbove(400, 0)).isZero();
    }

    @Test
    void aServerUpdateReplacesParametersAndLevel() {
        RateLevel level = new RateLevel(TEN, 0);
        level.update(new RateClass(1, 20, 500, 400, 300, 100, 350, 1000, 0, true), 50);

        assertThat(level.level()).isEqualTo(350);
        assertThat(level.params().window()).isEqualTo(20);
        assertThat(level.levelIfSentAt(50)).isEqualTo(332); // 350 × 19 / 20
    }
}
