package org.oscartransport.oscar.emulator;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Proxy sessions waiting for their joiner, by pin. Shared by the connections of every event loop. */
final class ArsSessions {

    private final Map<Integer, ArsServerHandler> waiting = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger joined = new AtomicInteger();

    /** A fresh pin (1…0xFFFF) registered for {@code creator}. */
    int register(ArsServerHandler creator) {
        while (true) {
            int pin = 1 + random.nextInt(0xFFFF);
            if (waiting.putIfAbsent(pin, creator) == null) {
                return pin;
            }
        }
    }

    /** The creator waiting under {@code pin}, or null. */
    ArsServerHandler waiting(int pin) {
        return waiting.get(pin);
    }

    /** Removes {@code creator}'s registration (timeout, disconnect); false if a joiner took it already. */
    boolean withdraw(int pin, ArsServerHandler creator) {
        return waiting.remove(pin, creator);
    }

    void countJoin() {
        joined.incrementAndGet();
    }

    int joinedSessions() {
        return joined.get();
    }
}
