package org.oscartransport.oscar.rate;

import java.math.BigInteger;

/**
 * A test oracle: the moving average of oscar.md §4.2, {@code min(max, (level × (window − 1) + ms) / window)},
 * computed exactly as written (no rearranging, no overflow), to check {@link RateLevel} and its users against.
 */
public final class ExactRateLevel {

    private RateClass params;
    private long level;
    private long lastMillis;

    public ExactRateLevel(RateClass params, long nowMillis) {
        update(params, nowMillis);
    }

    public RateClass params() {
        return params;
    }

    public void update(RateClass newParams, long nowMillis) {
        params = newParams;
        level = Math.min(newParams.current(), newParams.max());
        lastMillis = nowMillis;
    }

    /** Counts a SNAC sent at {@code nowMillis}; returns the new level. */
    public long record(long nowMillis) {
        BigInteger window = BigInteger.valueOf(Math.max(1, params.window()));
        BigInteger elapsed = BigInteger.valueOf(Math.max(0, nowMillis - lastMillis));
        BigInteger average = BigInteger.valueOf(level).multiply(window.subtract(BigInteger.ONE)).add(elapsed)
                .divide(window);
        level = average.min(BigInteger.valueOf(params.max())).longValueExact();
        lastMillis = Math.max(lastMillis, nowMillis);
        return level;
    }
}
