package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.RecordingListener.PresenceChange;

/** Contacts' presence between two clients through the emulator, over real sockets. */
class PresenceTest {

    private EmulatorFixture emulator;

    @BeforeEach
    void start() {
        emulator = new EmulatorFixture();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private OscarSession login(String uin, OscarSessionListener listener) throws Exception {
        return emulator.login(uin, listener);
    }

    @Test
    void contactArrivesChangesStatusAndLeaves() throws Exception {
        RecordingListener b = new RecordingListener();
        OscarSession bob = login("200002", b);
        OscarSession alice = login("100001", new RecordingListener());

        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.ONLINE, null));

        alice.setStatus(ContactStatus.AWAY, "back at five").get(5, TimeUnit.SECONDS);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.AWAY, "back at five"));

        alice.setStatus(ContactStatus.DND, null).get(5, TimeUnit.SECONDS);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.DND, null));

        alice.close();
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.OFFLINE, null));
        bob.close();
    }

    @Test
    void aLaterArrivalSeesTheCurrentStatus() throws Exception {
        OscarSession alice = login("100001", new RecordingListener());
        alice.setStatus(ContactStatus.FREE_FOR_CHAT, null).get(5, TimeUnit.SECONDS);
        Thread.sleep(200); // let the emulator take the status before bob asks for the list

        RecordingListener b = new RecordingListener();
        OscarSession bob = login("200002", b);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.FREE_FOR_CHAT, null));
        alice.close();
        bob.close();
    }

    @Test
    void whenOnlyListersAreToldAnEmptyListSeesNobodyAndAListedBuddyIsSeen() throws Exception {
        emulator.options().presenceToListersOnly(true);
        RecordingListener b = new RecordingListener();
        OscarSession bob = login("200002", b);
        OscarSession carol = login("300003", new RecordingListener());
        bob.addContact("100001", "Alice").get(5, TimeUnit.SECONDS);
        OscarSession alice = login("100001", new RecordingListener());

        // carol arrived first but is not on bob's list: the first (and only) arrival bob hears of is alice's
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.ONLINE, null));
        carol.setStatus(ContactStatus.AWAY, "not for bob").get(5, TimeUnit.SECONDS);
        alice.setStatus(ContactStatus.DND, null).get(5, TimeUnit.SECONDS);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.DND, null));
        alice.close();
        carol.close();
        bob.close();
    }
}
