package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.emulator.ClientRates.Verdict;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.rate.ExactRateLevel;

/**
 * The emulator's rate enforcement for any announced classes (any u32 levels and windows) and any SNAC arrival
 * times. A shadow moving average per class, computed exactly, checks each verdict against the documented rules: below disconnect
 * → disconnect; below limit, or still limited and below clear → refuse; else accept. Unlisted SNACs are always
 * accepted. Notices report the class and its level as the verdict saw it, never the same code twice in a row.
 */
class ClientRatesFuzzTest {

    private static final long U32 = 0xFFFF_FFFFL;
    private static final int[][] KINDS = {{4, 6}, {4, 7}, {2, 4}, {1, 2}};

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void verdicts(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 3);
        List<RateClass> classes = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            classes.add(new RateClass(id, data.consumeLong(0, U32), data.consumeLong(0, U32),
                    data.consumeLong(0, U32), data.consumeLong(0, U32), data.consumeLong(0, U32),
                    data.consumeLong(0, U32), data.consumeLong(0, U32), 0, false));
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int[] kind : KINDS) {
            int id = data.consumeInt(0, count);
            if (id > 0) {
                members.computeIfAbsent(id, k -> new ArrayList<>()).add(RateClasses.member(kind[0], kind[1]));
            }
        }
        RateClasses announced = new RateClasses(classes, members);
        Map<Integer, Integer> classOf = announced.memberIndex();

        long start = data.consumeLong(0, 1L << 40);
        long now = start;
        ClientRates rates = new ClientRates(announced, start);
        Map<Integer, ExactRateLevel> shadow = new HashMap<>();
        Map<Integer, Integer> lastCode = new HashMap<>();
        classes.forEach(c -> shadow.put(c.id(), new ExactRateLevel(c, start)));

        for (int step = 0; step < 200 && data.remainingBytes() > 0; step++) {
            int[] kind = KINDS[data.consumeInt(0, KINDS.length - 1)];
            now += data.consumeLong(0, 100_000);
            List<RateChange> notices = new ArrayList<>();
            Verdict verdict = rates.onSnac(kind[0], kind[1], now, notices::add);

            Integer id = classOf.get(RateClasses.member(kind[0], kind[1]));
            if (id == null) {
                assertThat(verdict).as("unlisted SNAC").isEqualTo(Verdict.ACCEPT);
                assertThat(notices).isEmpty();
                continue;
            }
            ExactRateLevel level = shadow.get(id);
            RateClass c = level.params();
            long after = level.record(now);
            boolean wasLimited = Integer.valueOf(RateChange.LIMITED).equals(lastCode.get(id));
            Verdict expected = after < c.disconnect() ? Verdict.DISCONNECT
                    : after < c.limit() || wasLimited && after < c.clear() ? Verdict.REFUSE
                    : Verdict.ACCEPT;
            assertThat(verdict).as("level %d of %s, limited before: %s", after, c, wasLimited).isEqualTo(expected);
            assertThat(notices).hasSizeLessThanOrEqualTo(1);
            for (RateChange notice : notices) {
                assertThat(notice.classes()).singleElement().satisfies(r -> {
                    assertThat(r.id()).isEqualTo(id);
                    assertThat(r.current()).isEqualTo(after);
                });
                assertThat(notice.code()).as("a new state").isNotEqualTo(lastCode.get(id));
                lastCode.put(id, notice.code());
            }
            if (verdict == Verdict.DISCONNECT) {
                return; // the connection is closed
            }
        }
    }
}
