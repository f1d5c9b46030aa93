package org.oscartransport.gateway.store;

import java.util.Objects;

/**
 * A Jabber user's ICQ account: who (bare JID) signs on as which UIN with which password.
 * {@link #toString()} hides the password so a registration can be logged.
 */
public record Registration(String bareJid, String uin, String password) {

    public Registration {
        Objects.requireNonNull(bareJid, "bareJid");
        Objects.requireNonNull(uin, "uin");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Registration[bareJid=" + bareJid + ", uin=" + uin + ", password=***]";
    }
}
