package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.it.ProsodyServer;
import org.oscartransport.gateway.it.XmppTestClient;

/** conf/prosody-component.cfg.lua, included verbatim into a real Prosody, lets the transport in. */
class ProsodySnippetIT {

    @Test
    void theTransportConnectsThroughTheSnippetAndAnswersDisco() throws Exception {
        ConfSnippet snippet = ConfSnippet.read("prosody-component.cfg.lua");
        String domain = snippet.find("^Component \"([^\"]+)\"");
        String secret = snippet.find("^\\s*component_secret = \"([^\"]+)\"");
        Path work = Files.createDirectories(Path.of("target", "admin"));

        // The harness declares a placeholder component; the admin's block is appended as Prosody's Include.
        try (ProsodyServer prosody = ProsodyServer.start(Files.createTempDirectory(work, "prosody"),
                "placeholder.localhost", "placeholder-secret")) {
            Files.writeString(prosody.configFile(), "\nInclude \"" + snippet.path() + "\"\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            prosody.restart();
            prosody.registerUser("alice", "alicepw");

            try (Transport transport = TransportUnderTest.start(prosody.componentPort(), domain, secret, work);
                    XmppTestClient alice = XmppTestClient.connect(prosody, "alice", "alicepw", "test")) {
                DiscoverInfo info = alice.discoInfo(domain);
                assertThat(info.hasIdentity("gateway", "icq")).as(info.toXML().toString()).isTrue();
            }
        }
    }
}
