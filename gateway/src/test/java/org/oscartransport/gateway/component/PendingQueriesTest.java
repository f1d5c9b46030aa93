package org.oscartransport.gateway.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

class PendingQueriesTest {

    private final PendingQueries pending = new PendingQueries();

    @Test
    void completesTheQueryWithTheSameId() throws Exception {
        IQ request = new IQ(IQ.Type.get, "q1");
        CompletableFuture<IQ> answer = pending.register(request, Duration.ofSeconds(5));

        IQ result = IQ.createResultIQ(request);
        assertThat(pending.complete(result)).isTrue();
        assertThat(answer.get()).isSameAs(result);
        assertThat(pending.complete(result)).as("answered only once").isFalse();
    }

    @Test
    void unknownIdsAreNotAnAnswer() {
        assertThat(pending.complete(new IQ(IQ.Type.result, "nobody-asked"))).isFalse();
    }

    @Test
    void timesOut() {
        CompletableFuture<IQ> answer = pending.register(new IQ(IQ.Type.get, "slow"), Duration.ofMillis(20));
        assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }
}
