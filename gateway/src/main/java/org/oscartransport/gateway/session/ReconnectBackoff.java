package org.oscartransport.gateway.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays before logging a user in again after their ICQ connection was lost: exponential from one second up to
 * five minutes, with ±20 % jitter so that thousands of sessions dropped by one server restart do not all come
 * back in the same instant.
 */
final class ReconnectBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    private ReconnectBackoff() {}

    /** The delay before attempt {@code attempt} (1 for the first retry). */
    static Duration delay(int attempt) {
        long base = FIRST.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, MAX.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }
}
