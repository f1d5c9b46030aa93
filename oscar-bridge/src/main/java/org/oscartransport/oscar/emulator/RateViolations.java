package org.oscartransport.oscar.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many SNACs the emulator refused or disconnected for, per UIN, because a client sent too fast. */
final class RateViolations {

    private final Map<String, AtomicInteger> byUin = new ConcurrentHashMap<>();

    void record(String uin) {
        byUin.computeIfAbsent(uin, k -> new AtomicInteger()).incrementAndGet();
    }

    int of(String uin) {
        AtomicInteger count = byUin.get(uin);
        return count == null ? 0 : count.get();
    }
}
