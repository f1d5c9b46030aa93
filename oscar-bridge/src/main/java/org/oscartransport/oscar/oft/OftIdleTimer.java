package org.oscartransport.oscar.oft;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Calls {@code onIdle} once when nothing happened on a connection for the timeout. Runs on the channel's event
 * loop; no extra handler in the pipeline, so the OFT handlers stay self-contained.
 */
final class OftIdleTimer {

    private final long timeoutNanos;
    private final BooleanSupplier paused;
    private final Runnable onIdle;
    private EventExecutor executor;
    private ScheduledFuture<?> check;
    private long lastActivity;

    /**
     * @param paused while true, silence is expected (our own consumer stopped reading) and does not count
     */
    OftIdleTimer(Duration timeout, BooleanSupplier paused, Runnable onIdle) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.paused = paused;
        this.onIdle = onIdle;
    }

    void start(EventExecutor executor) {
        if (this.executor != null) {
            return;
        }
        this.executor = executor;
        touch();
        schedule(timeoutNanos);
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        executor = null;
    }

    private void schedule(long delayNanos) {
        check = executor.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (executor == null) {
            return;
        }
        long now = System.nanoTime();
        if (paused.getAsBoolean()) {
            lastActivity = now;
        }
        long idle = now - lastActivity;
        if (idle >= timeoutNanos) {
            stop();
            onIdle.run();
        } else {
            schedule(timeoutNanos - idle);
        }
    }
}
