package org.oscartransport.oscar.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.rate.RateLevel;

/**
 * The server's view of one client's rate levels, computed from SNAC arrival times with the same moving average
 * as the client (oscar.md §4.2). As real servers did: below the alert level the client gets a warning, below the
 * limit level its SNACs are refused until its level is back at the clear level, and below the disconnect level
 * it is disconnected. SNACs that no class lists are never limited. Call on the connection's event loop.
 */
final class ClientRates {

    enum Verdict { ACCEPT, REFUSE, DISCONNECT }

    private enum State { CLEAR, ALERT, LIMITED }

    private final Map<Integer, Integer> classOfMember;
    private final Map<Integer, RateLevel> levels = new HashMap<>();
    private final Map<Integer, State> states = new HashMap<>();

    ClientRates(RateClasses classes, long nowMillis) {
        this.classOfMember = classes.memberIndex();
        for (RateClass c : classes.classes()) {
            levels.put(c.id(), new RateLevel(c, nowMillis));
            states.put(c.id(), State.CLEAR);
        }
    }

    /** Counts a SNAC that arrived at {@code nowMillis}; {@code notify} gets the rate change to send, if any. */
    Verdict onSnac(int family, int subtype, long nowMillis, Consumer<RateChange> notify) {
        Integer classId = classOfMember.get(RateClasses.member(family, subtype));
        RateLevel level = classId == null ? null : levels.get(classId);
        if (level == null) {
            return Verdict.ACCEPT;
        }
        RateClass c = level.params();
        long now = level.record(nowMillis);
        State state = states.get(classId);
        if (now < c.disconnect()) {
            return Verdict.DISCONNECT;
        }
        if (state == State.LIMITED && now < c.clear()) {
            return Verdict.REFUSE;
        }
        if (now < c.limit()) {
            enter(classId, State.LIMITED, RateChange.LIMITED, c.withCurrent(now, true), notify);
            return Verdict.REFUSE;
        }
        if (now < c.alert()) {
            if (state != State.ALERT) {
                enter(classId, State.ALERT, RateChange.WARNING, c.withCurrent(now, false), notify);
            }
        } else if (state != State.CLEAR && now >= c.clear()) {
            enter(classId, State.CLEAR, RateChange.CLEAR, c.withCurrent(now, false), notify);
        }
        return Verdict.ACCEPT;
    }

    private void enter(int classId, State state, int code, RateClass report, Consumer<RateChange> notify) {
        if (states.put(classId, state) != state) {
            notify.accept(new RateChange(code, List.of(report)));
        }
    }
}
