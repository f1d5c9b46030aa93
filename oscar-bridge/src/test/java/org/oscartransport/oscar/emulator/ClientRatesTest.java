package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.ClientRates.Verdict;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;

class ClientRatesTest {

    /** Window 2: each SNAC halves the distance to the gap; alert 400, limit 300, disconnect 100, clear 500. */
    private static final RateClasses CLASSES = new RateClasses(
            List.of(new RateClass(2, 2, 500, 400, 300, 100, 1000, 1000, 0, false)),
            Map.of(2, List.of(RateClasses.member(4, 6))));

    private final List<RateChange> notices = new ArrayList<>();
    private final ClientRates rates = new ClientRates(CLASSES, 0);

    private Verdict im(long at) {
        return rates.onSnac(4, 6, at, notices::add);
    }

    @Test
    void aClientThatKeepsAtTheAlertLevelIsNeverWarned() {
        assertThat(im(0)).isEqualTo(Verdict.ACCEPT); // (1000 + 0) / 2 = 500
        for (long t = 400; t <= 4000; t += 400) {
            assertThat(im(t)).isEqualTo(Verdict.ACCEPT); // 450, 425, ... approaching 400 from above
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void warningThenLimitThenClear() {
        assertThat(im(0)).isEqualTo(Verdict.ACCEPT); // 500
        assertThat(im(200)).isEqualTo(Verdict.ACCEPT); // 350: below alert
        assertThat(notices).extracting(RateChange::code).containsExactly(RateChange.WARNING);
        assertThat(notices.get(0).classes().get(0).current()).isEqualTo(350);

        assertThat(im(400)).isEqualTo(Verdict.REFUSE); // 275: below limit
        assertThat(notices).extracting(RateChange::code).endsWith(RateChange.LIMITED);
        assertThat(notices.get(1).classes().get(0).dropping()).isTrue();

        assertThat(im(1000)).isEqualTo(Verdict.REFUSE); // 437: above limit, not yet clear
        assertThat(im(1600)).isEqualTo(Verdict.ACCEPT); // 518: clear
        assertThat(notices).extracting(RateChange::code).endsWith(RateChange.CLEAR);
        assertThat(notices).hasSize(3);
    }

    @Test
    void belowTheDisconnectLevelTheClientIsDisconnected() {
        im(0);
        im(0);
        im(0);
        assertThat(im(0)).isEqualTo(Verdict.DISCONNECT); // 500, 250, 125, 62
    }

    @Test
    void snacsOfNoClassAreNeverLimited() {
        for (int i = 0; i < 100; i++) {
            assertThat(rates.onSnac(4, 0x14, 0, notices::add)).isEqualTo(Verdict.ACCEPT);
        }
        assertThat(notices).isEmpty();
    }
}
