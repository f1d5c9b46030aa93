package org.oscartransport.gateway.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a test client received, kept in arrival order until a test takes it. Items that do not match one
 * {@link #await} stay for the next, so tests can look for stanzas in any order.
 */
public final class StanzaInbox<T> {
    private final String what;
    private final List<T> items = new ArrayList<>();

    StanzaInbox(String what) {
        this.what = what;
    }

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    /** Removes and returns the first item matching {@code filter}; fails the test if none comes in time. */
    public synchronized T await(Predicate<? super T> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<T> it = items.iterator(); it.hasNext(); ) {
                T item = it.next();
                if (filter.test(item)) {
                    it.remove();
                    return item;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching " + what + " within " + timeout.toMillis() + " ms; unmatched: " + items);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** A snapshot of everything received and not yet taken. */
    public synchronized List<T> pending() {
        return List.copyOf(items);
    }

    public synchronized void clear() {
        items.clear();
    }
}
