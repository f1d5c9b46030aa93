package org.oscartransport.oscar.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.oscar.feedbag.AuthorizationSnacs;

/**
 * Authorization SNACs for accounts that were offline when they were sent (oscar.md §4.3): as with stored IMs, real
 * servers keep them and hand them over at the account's next sign-on, once its stored list is activated (0013/0007).
 * A newer SNAC of the same kind from the same sender replaces the older one; each account keeps at most
 * {@link #PER_ACCOUNT} (the oldest go first). Kept for the lifetime of the emulator. Thread-safe.
 */
final class PendingAuthorizations {

    static final int PER_ACCOUNT = 50;

    /**
     * One server → client authorization SNAC: {@code subtype} is {@link AuthorizationSnacs#REQUEST},
     * {@link AuthorizationSnacs#REPLY} or {@link AuthorizationSnacs#FUTURE_GRANTED}; {@code from} who sent it.
     */
    record Pending(int subtype, String from, boolean granted, String reason) {

        static Pending request(String from, String reason) {
            return new Pending(AuthorizationSnacs.REQUEST, from, false, reason);
        }

        static Pending reply(String from, boolean granted, String reason) {
            return new Pending(AuthorizationSnacs.REPLY, from, granted, reason);
        }

        static Pending futureGrant(String from) {
            return new Pending(AuthorizationSnacs.FUTURE_GRANTED, from, true, null);
        }

        private boolean sameKindFrom(Pending other) {
            return subtype == other.subtype
                    && EmulatorRegistry.normalize(from).equals(EmulatorRegistry.normalize(other.from));
        }
    }

    private final Map<String, List<Pending>> waiting = new ConcurrentHashMap<>();

    void store(String recipient, Pending pending) {
        waiting.compute(EmulatorRegistry.normalize(recipient), (k, list) -> {
            List<Pending> next = list == null ? new ArrayList<>() : list;
            next.removeIf(pending::sameKindFrom);
            if (next.size() >= PER_ACCOUNT) {
                next.remove(0);
            }
            next.add(pending);
            return next;
        });
    }

    /** Removes and returns everything waiting for {@code recipient}, oldest first. */
    List<Pending> take(String recipient) {
        List<Pending> list = waiting.remove(EmulatorRegistry.normalize(recipient));
        return list == null ? List.of() : list;
    }
}
