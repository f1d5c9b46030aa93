package org.oscartransport.gateway.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.icbm.IcbmErrorException;
import org.oscartransport.oscar.icbm.MessageTooLongException;
import org.oscartransport.oscar.rate.RateQueueFullException;
import org.xmpp.packet.PacketError.Condition;

class MessageFailuresTest {

    @Test
    void aTextTooLongForIcqIsNotAcceptable() {
        assertThat(MessageFailures.conditionOf(new CompletionException(new MessageTooLongException(300, 8000, 200))))
                .isEqualTo(Condition.not_acceptable);
    }

    @Test
    void aFullRateQueueIsAResourceConstraint() {
        assertThat(MessageFailures.conditionOf(new RateQueueFullException(1000)))
                .isEqualTo(Condition.resource_constraint);
    }

    @Test
    void anythingElseLeavesTheRecipientUnavailable() {
        assertThat(MessageFailures.conditionOf(new IcbmErrorException(4, "Recipient is not logged on")))
                .isEqualTo(Condition.recipient_unavailable);
        assertThat(MessageFailures.conditionOf(new IllegalStateException("Session closed")))
                .isEqualTo(Condition.recipient_unavailable);
    }
}
