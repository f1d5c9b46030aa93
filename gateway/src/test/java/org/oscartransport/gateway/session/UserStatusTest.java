package org.oscartransport.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.ContactStatus;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

class UserStatusTest {

    private static Presence presence(int priority, Presence.Show show, String status) {
        Presence p = new Presence();
        p.setPriority(priority);
        if (show != null) {
            p.setShow(show);
        }
        if (status != null) {
            p.setStatus(status);
        }
        return p;
    }

    @Test
    void theHighestPriorityResourceDecides() {
        UserStatus status = new UserStatus();
        status.update(new JID("u@x/phone"), presence(0, Presence.Show.away, "on the go"));
        status.update(new JID("u@x/desk"), presence(5, Presence.Show.dnd, "busy"));

        assertThat(status.current()).isEqualTo(new UserStatus.Shown(ContactStatus.DND, "busy"));
    }

    @Test
    void onEqualPriorityTheMoreAvailableShowWinsAndLeavingResourcesStopCounting() {
        UserStatus status = new UserStatus();
        status.update(new JID("u@x/phone"), presence(1, Presence.Show.xa, null));
        status.update(new JID("u@x/desk"), presence(1, null, null));
        assertThat(status.current()).isEqualTo(UserStatus.Shown.ONLINE);

        status.remove(new JID("u@x/desk"));
        assertThat(status.current().status()).isEqualTo(ContactStatus.NA);
    }
}
