package org.oscartransport.oscar.rate;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the outgoing SNACs of one connection so that no rate class the server announced falls to its alert
 * level. SNACs leave in the order they were submitted: when one has to wait, everything after it waits too, so
 * the parts of a long message and the messages to one contact never overtake each other. Waiting happens on a
 * scheduled task (the connection's event loop), never by blocking. Not thread-safe: call on one thread.
 *
 * <p>We keep above the alert level rather than the limit level, as libpurple does: a server starts sending
 * warnings at the alert level, and the gap down to the limit level absorbs network jitter (a server measures
 * arrival times, which can bunch up). The cost is a little throughput in long bursts.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** Runs {@code task} after {@code delayMillis}; the returned future cancels it. */
    public interface Scheduler {
        Future<?> schedule(Runnable task, long delayMillis);
    }

    /** A SNAC waiting to be written. */
    public interface Outgoing {
        int family();

        int subtype();

        /** Writes it now. */
        void transmit();

        /** It will never be written; releases what it holds. */
        void fail(Throwable cause);
    }

    private final LongSupplier clockMillis;
    private final Scheduler scheduler;
    private final int capacity;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final Map<Integer, RateLevel> levels = new HashMap<>();
    private final Set<Integer> limited = new HashSet<>();
    private Map<Integer, Integer> classOfMember = Map.of();
    private boolean paused;
    private Throwable closedBy;
    private Future<?> drainTask;

    public RateLimiter(LongSupplier clockMillis, Scheduler scheduler, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clockMillis = clockMillis;
        this.scheduler = scheduler;
        this.capacity = capacity;
    }

    /** Applies the classes of a rate reply; until then nothing is limited. */
    public void configure(RateClasses classes) {
        long now = clockMillis.getAsLong();
        levels.clear();
        limited.clear();
        for (RateClass c : classes.classes()) {
            levels.put(c.id(), new RateLevel(c, now));
            if (c.dropping()) {
                limited.add(c.id());
            }
        }
        classOfMember = classes.memberIndex();
        reschedule();
    }

    /** Applies a rate change notice: new parameters and level; "limited" holds the class until it is clear. */
    public void onRateChange(RateChange change) {
        long now = clockMillis.getAsLong();
        for (RateClass c : change.classes()) {
            RateLevel level = levels.get(c.id());
            if (level == null) {
                log.debug("Rate change for unknown class {} ignored", c.id());
                continue;
            }
            level.update(c, now);
            if (change.code() == RateChange.LIMITED || c.dropping()) {
                limited.add(c.id());
            } else if (change.code() == RateChange.CLEAR || change.code() == RateChange.CHANGED) {
                limited.remove(c.id());
            }
            log.debug("Rate class {} {}: level {} (alert {}, limit {})", c.id(), change.codeName(), c.current(),
                    c.alert(), c.limit());
        }
        reschedule();
    }

    /** The server asked us to stop sending (0001/000B) until it resumes us. */
    public void pause() {
        paused = true;
        cancelDrain();
    }

    public void resume() {
        paused = false;
        reschedule();
    }

    /** Sends {@code snac} now if every rule allows, else queues it; fails it when the queue is full or closed. */
    public void submit(Outgoing snac) {
        if (closedBy != null) {
            snac.fail(closedBy);
            return;
        }
        long now = clockMillis.getAsLong();
        if (queue.isEmpty() && !paused && waitMillis(snac, now) == 0) {
            transmit(snac, now);
            return;
        }
        if (queue.size() >= capacity) {
            snac.fail(new RateQueueFullException(capacity));
            return;
        }
        queue.add(snac);
        if (drainTask == null) {
            drain();
        }
    }

    /** How many SNACs wait. */
    public int queued() {
        return queue.size();
    }

    /** The connection is gone: fails every waiting SNAC and every later one. */
    public void close(Throwable cause) {
        closedBy = cause;
        cancelDrain();
        Outgoing snac;
        while ((snac = queue.poll()) != null) {
            snac.fail(cause);
        }
    }

    private void reschedule() {
        cancelDrain();
        drain();
    }

    private void drain() {
        drainTask = null;
        while (!paused && closedBy == null && !queue.isEmpty()) {
            long now = clockMillis.getAsLong();
            long wait = waitMillis(queue.peek(), now);
            if (wait > 0) {
                drainTask = scheduler.schedule(this::drain, wait);
                return;
            }
            transmit(queue.poll(), now);
        }
    }

    private void cancelDrain() {
        if (drainTask != null) {
            drainTask.cancel(false);
            drainTask = null;
        }
    }

    private void transmit(Outgoing snac, long now) {
        RateLevel level = levelOf(snac);
        if (level != null) {
            level.record(now);
        }
        snac.transmit();
    }

    private RateLevel levelOf(Outgoing snac) {
        Integer classId = classOfMember.get(RateClasses.member(snac.family(), snac.subtype()));
        return classId == null ? null : levels.get(classId);
    }

    /** Milliseconds until {@code snac} may go; 0 = now. */
    private long waitMillis(Outgoing snac, long now) {
        RateLevel level = levelOf(snac);
        if (level == null) {
            return 0;
        }
        long threshold = threshold(level.params(), limited.contains(level.params().id()));
        return threshold < 0 ? 0 : level.millisUntilAbove(threshold, now);
    }

    /**
     * The level a SNAC must stay above: the alert level, or just under the clear level while the server says we
     * are limited. A class whose maximum cannot rise above that (a server's odd numbers) falls back to the limit
     * level; -1 when even that is out of reach, and then we do not limit at all rather than never send.
     */
    static long threshold(RateClass c, boolean limited) {
        long wanted = limited ? c.clear() - 1 : c.alert();
        if (wanted < c.max()) {
            return wanted;
        }
        return c.limit() < c.max() ? c.limit() : -1;
    }
}
