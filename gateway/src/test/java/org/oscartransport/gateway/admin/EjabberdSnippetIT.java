package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.it.XmppTestClient;

/**
 * conf/ejabberd-component.yml's listener, embedded in a real ejabberd's config, passes check-config (and names a wrong
 * secret) and lets the transport in.
 */
class EjabberdSnippetIT {

    @Test
    void theTransportConnectsThroughTheSnippetAndAnswersDisco() throws Exception {
        ConfSnippet snippet = ConfSnippet.read("ejabberd-component.yml");
        String domain = snippet.find("^\\s+\"([^\"]+)\":\\s*$");
        String secret = snippet.find("^\\s*password: \"([^\"]+)\"");
        String listenItems = listenItems(snippet);
        assertThat(listenItems).contains("port: 5347");
        Path work = Files.createDirectories(Path.of("target", "admin"));

        try (EjabberdServer ejabberd = EjabberdServer.start(Files.createTempDirectory(work, "ejabberd"),
                listenItems.replace("port: 5347", "port: COMPONENT_PORT"))) {
            ejabberd.registerUser("alice", "alicepw");
            String accepted = "ok   xmpp: handshake accepted by 127.0.0.1:" + ejabberd.componentPort() + " as " + domain;
            assertThat(checkConfig(ejabberd.componentPort(), domain, secret)).contains(accepted);
            assertThat(checkConfig(ejabberd.componentPort(), domain, "wrong-" + secret))
                    .anyMatch(l -> l.startsWith("FAIL xmpp: not-authorized (check xmpp.secret"));

            try (Transport transport = TransportUnderTest.start(ejabberd.componentPort(), domain, secret, work);
                    XmppTestClient alice = XmppTestClient.connect("127.0.0.1", ejabberd.c2sPort(), ejabberd.domain(),
                            "alice", "alicepw", "test")) {
                DiscoverInfo info = alice.discoInfo(domain);
                assertThat(info.hasIdentity("gateway", "icq")).as(info.toXML().toString()).isTrue();
            }
        }
    }

    /** The lines check-config prints for this component (the OSCAR steps fail here: no OSCAR server). */
    private static List<String> checkConfig(int port, String domain, String secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckConfigCommand.run(List.of("--xmpp.port=" + port, "--xmpp.domain=" + domain),
                Map.of("OSCAR_TRANSPORT_XMPP_SECRET", secret), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(secret);
        return text.lines().toList();
    }

    /** What the admin pastes under the existing {@code listen:}: every line after the snippet's own {@code listen:}. */
    private static String listenItems(ConfSnippet snippet) {
        String text = snippet.text();
        int listen = text.indexOf("\nlisten:\n");
        assertThat(listen).as("the snippet has a top-level listen:").isPositive();
        return text.substring(listen + "\nlisten:\n".length());
    }
}
