package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** The admin's limits: too large or too many transfers are refused, and both sides are told why. */
class LimitsIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100022", "pw", "200023", "pw"), List.of("mona"),
                "--transfer.max-size=1m", "--transfer.max-active-per-user=1");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithAMessageToBothSides() throws Exception {
        try (XmppTestClient mona = fixture.connect("mona", "phone")) {
            TransportFixture.goOnline(mona, "100022", "pw");
            BlockingQueue<String> contactHeard = new LinkedBlockingQueue<>();
            OscarSession contact = fixture.contacts.login("200023", "pw", new OscarSessionListener() {
                @Override
                public void onMessage(String fromUin, String text) {
                    contactHeard.add(text);
                }
            }).get(10, TimeUnit.SECONDS);

            CompletableFuture<Void> big = contact.sendFile("100022", InboundFileIT.randomFile("big.iso"));

            assertThatThrownBy(() -> big.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            assertThat(contactHeard.poll(10, TimeUnit.SECONDS)).contains("big.iso").contains("up to 1.0 MiB");
            Message notice = mona.awaitMessage(m -> m.getBody() != null && m.getBody().contains("big.iso"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).contains("was refused");
            assertThat(Oob.ofMessage(notice)).isEmpty();

            // one transfer at a time for this user: a second offer while the first waits is refused
            Path small = Files.write(Files.createTempDirectory(Path.of("target"), "files").resolve("a.txt"),
                    new byte[1000]);
            Path other = Files.write(small.resolveSibling("b.txt"), new byte[1000]);
            contact.sendFile("100022", small);
            Oob.ofMessage(mona.awaitOobMessage(TransportFixture.WAIT)).orElseThrow();
            CompletableFuture<Void> second = contact.sendFile("100022", other);
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            assertThat(mona.awaitMessage(m -> m.getBody() != null && m.getBody().contains("b.txt"),
                    TransportFixture.WAIT).getBody()).contains("too many transfers");
            contact.close();
        }
    }
}
