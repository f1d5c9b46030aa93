package org.oscartransport.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.oscartransport.gateway.admin.TransferRecord.Direction;
import org.oscartransport.gateway.admin.TransferRecord.Outcome;

/**
 * Transfers in both directions: started and finished (by outcome), bytes relayed, duration, time to first byte,
 * and how many are under way. Every meter is created up front, so the hot path only increments.
 */
public final class TransferMetrics {

    /** Buckets an admin can read at a glance: files take from a second to an hour. */
    private static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)};
    /** Time to first byte is connection set-up: stage 1 to 3 of OFT, or the user's web server. */
    private static final Duration[] FIRST_BYTE_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)};

    private final Map<Direction, PerDirection> byDirection = new EnumMap<>(Direction.class);

    public TransferMetrics(MeterRegistry registry) {
        for (Direction direction : Direction.values()) {
            byDirection.put(direction, new PerDirection(registry, label(direction)));
        }
    }

    /** Counts a new transfer and returns its meter, which must be {@link TransferMeter#finished finished}. */
    public TransferMeter started(Direction direction) {
        PerDirection meters = byDirection.get(direction);
        meters.started();
        return new TransferMeter(meters);
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The meters of one direction. */
    static final class PerDirection {
        private final Counter started;
        private final Counter bytes;
        private final Timer firstByte;
        private final AtomicInteger active = new AtomicInteger();
        private final Map<Outcome, Counter> finished = new EnumMap<>(Outcome.class);
        private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);

        PerDirection(MeterRegistry registry, String direction) {
            started = Counter.builder("oscar.transport.transfers.started").tag("direction", direction)
                    .description("Transfers offered, before anyone accepted").register(registry);
            bytes = Counter.builder("oscar.transport.transferred.bytes").tag("direction", direction)
                    .description("File bytes relayed between OFT and HTTP").register(registry);
            firstByte = Timer.builder("oscar.transport.transfer.first.byte").tag("direction", direction)
                    .description("From the download or accept to the first file byte")
                    .serviceLevelObjectives(FIRST_BYTE_BUCKETS).register(registry);
            Gauge.builder("oscar.transport.transfers.active", active, AtomicInteger::get).tag("direction", direction)
                    .description("Transfers started and not yet finished").register(registry);
            for (Outcome outcome : Outcome.values()) {
                finished.put(outcome, Counter.builder("oscar.transport.transfers").tag("direction", direction)
                        .tag("outcome", label(outcome)).description("Transfers finished, by outcome")
                        .register(registry));
                durations.put(outcome, Timer.builder("oscar.transport.transfer.duration").tag("direction", direction)
                        .tag("outcome", label(outcome))
                        .description("From the download or accept (else the offer) to the end")
                        .serviceLevelObjectives(DURATION_BUCKETS).register(registry));
            }
        }

        void started() {
            started.increment();
            active.incrementAndGet();
        }

        void bytes(long count) {
            bytes.increment(count);
        }

        void firstByte(long nanos) {
            firstByte.record(nanos, TimeUnit.NANOSECONDS);
        }

        void finished(Outcome outcome, long nanos) {
            active.decrementAndGet();
            finished.get(outcome).increment();
            durations.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
