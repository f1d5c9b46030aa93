package org.oscartransport.gateway.adhoc;

import org.xmpp.packet.JID;

/**
 * Who runs a command.
 *
 * @param fullJid the requesting resource
 * @param admin whether the bare JID is listed in {@code admin.jids}
 * @param registered whether the user has a registration with the transport
 */
record Caller(JID fullJid, boolean admin, boolean registered) {

    String bareJid() {
        return fullJid.toBareJID();
    }

    boolean mayRun(Command command) {
        return command.adminOnly() ? admin : registered;
    }
}
