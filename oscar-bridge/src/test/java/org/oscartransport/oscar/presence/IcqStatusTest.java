package org.oscartransport.oscar.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.ContactStatus;

class IcqStatusTest {

    @Test
    void everySettableStatusSurvivesTheRoundTrip() {
        for (ContactStatus status : ContactStatus.values()) {
            if (status != ContactStatus.OFFLINE) {
                assertThat(IcqStatus.toContactStatus(IcqStatus.toWord(status), 0x0050)).isEqualTo(status);
            }
        }
    }

    @Test
    void flagsInTheHighHalfAreIgnored() {
        assertThat(IcqStatus.toContactStatus(0x10020000L | 0x0004, 0x0050)).isEqualTo(ContactStatus.NA);
    }

    @Test
    void theAwayClassBitMeansAway() {
        assertThat(IcqStatus.toContactStatus(0, 0x0070)).isEqualTo(ContactStatus.AWAY);
    }

    @Test
    void statusTextRoundTrips() {
        assertThat(StatusText.read(StatusText.write("Привет"))).isEqualTo("Привет");
        assertThat(StatusText.read(new byte[] {0, 1, 0, 5, 1})).isNull(); // truncated item
    }
}
