package org.oscartransport.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The number of registrations, as last counted off the store's thread: a scrape runs on an event loop and must
 * never wait for the database. NaN (unknown) until the first count.
 */
public final class RegisteredUsers {

    private final AtomicLong count = new AtomicLong(-1);

    public RegisteredUsers(MeterRegistry registry) {
        Gauge.builder("oscar.transport.users.registered", count, c -> c.get() < 0 ? Double.NaN : c.get())
                .description("Registered users, counted at start and on every (un)registration").register(registry);
    }

    public void counted(long registrations) {
        count.set(registrations);
    }
}
