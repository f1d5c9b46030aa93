package org.oscartransport.oscar.rate;

/**
 * The moving average of one rate class as client and server both compute it (oscar.md §4.2):
 * {@code new = min(max, (level × (window − 1) + msSinceLast) / window)}, in whole milliseconds. Not thread-safe;
 * callers pass the time so that tests can use a fake clock.
 */
public final class RateLevel {

    private RateClass params;
    private long level;
    private long lastMillis;

    /** Starts at the class's current level, as of {@code nowMillis}. */
    public RateLevel(RateClass params, long nowMillis) {
        this.params = params;
        this.level = Math.min(params.current(), params.max());
        this.lastMillis = nowMillis;
    }

    public RateClass params() {
        return params;
    }

    public long level() {
        return level;
    }

    /** The level a SNAC sent at {@code nowMillis} would leave. */
    public long levelIfSentAt(long nowMillis) {
        long window = Math.max(1, params.window());
        long elapsed = Math.max(0, nowMillis - lastMillis);
        return Math.min(params.max(), (level * (window - 1) + elapsed) / window);
    }

    /** Counts a SNAC sent at {@code nowMillis}; returns the new level. */
    public long record(long nowMillis) {
        level = levelIfSentAt(nowMillis);
        lastMillis = Math.max(lastMillis, nowMillis);
        return level;
    }

    /**
     * Milliseconds from {@code nowMillis} until a SNAC would leave the level above {@code threshold}; 0 when it
     * already would.
     */
    public long millisUntilAbove(long threshold, long nowMillis) {
        long window = Math.max(1, params.window());
        // floor((level × (w − 1) + t) / w) > threshold  ⇔  t ≥ (threshold + 1) × w − level × (w − 1)
        long neededGap = (threshold + 1) * window - level * (window - 1);
        long elapsed = Math.max(0, nowMillis - lastMillis);
        return Math.max(0, neededGap - elapsed);
    }

    /** New parameters and level from the server (a rate change notice), as of {@code nowMillis}. */
    public void update(RateClass newParams, long nowMillis) {
        this.params = newParams;
        this.level = Math.min(newParams.current(), newParams.max());
        this.lastMillis = nowMillis;
    }
}
