package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;

/** ICQ → Jabber when every port of {@code http.ports} is taken: the contact is refused, the user is told. */
class InboundNoFreePortIT {

    private static ServerSocket squatter;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // the later --http.ports wins: a range of one port, already taken by another program
        fixture = TransportFixture.start(Map.of("100091", "pw", "200092", "pw"), List.of("vera"),
                "--http.ports=" + squatter.getLocalPort() + "-" + squatter.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) fixture.close();
        if (squatter != null) squatter.close();
    }

    @Test
    void theContactIsRefusedAndTheUserHearsWhyWithoutAUrl() throws Exception {
        try (XmppTestClient vera = fixture.connect("vera", "phone");
                IcqContact contact = IcqContact.login(fixture, "200092", "pw")) {
            TransportFixture.goOnline(vera, "100091", "pw");
            Path file = Files.write(Files.createTempDirectory(Path.of("target"), "files").resolve("menu.txt"),
                    new byte[5000]);

            CompletableFuture<Void> sent = contact.session.sendFile("100091", file);

            assertThatThrownBy(() -> sent.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TransferCancelledException.class);
            assertThat(contact.texts.poll(20, TimeUnit.SECONDS))
                    .isEqualTo("[File menu.txt not accepted: the recipient cannot take files right now]");
            Message notice = vera.awaitMessage(m -> m.getBody() != null && m.getBody().contains("menu.txt"),
                    TransportFixture.WAIT);
            assertThat(notice.getBody()).startsWith("[File menu.txt could not be offered: ").contains("no free port");
            assertThat(Oob.ofMessage(notice)).isEmpty();
        }
    }
}
