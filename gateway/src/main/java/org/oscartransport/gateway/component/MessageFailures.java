package org.oscartransport.gateway.component;

import org.oscartransport.gateway.util.Failures;
import org.oscartransport.oscar.icbm.MessageTooLongException;
import org.oscartransport.oscar.rate.RateQueueFullException;
import org.xmpp.packet.PacketError;

/** The stanza error a chat message bounces with when ICQ did not take it. */
final class MessageFailures {

    private MessageFailures() {}

    static PacketError.Condition conditionOf(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof MessageTooLongException) {
            return PacketError.Condition.not_acceptable; // sending it again will not help
        }
        if (cause instanceof RateQueueFullException) {
            return PacketError.Condition.resource_constraint; // the user sends faster than ICQ lets us: later
        }
        return PacketError.Condition.recipient_unavailable;
    }
}
