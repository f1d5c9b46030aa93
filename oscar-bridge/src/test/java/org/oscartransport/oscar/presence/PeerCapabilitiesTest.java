package org.oscartransport.oscar.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.rendezvous.Capabilities;

class PeerCapabilitiesTest {

    private static byte[] caps(byte[]... guids) {
        byte[] all = new byte[16 * guids.length];
        for (int i = 0; i < guids.length; i++) System.arraycopy(guids[i], 0, all, 16 * i, 16);
        return all;
    }

    @Test
    void knowsWhatAnOnlineContactAdvertisedUntilItDeparts() {
        PeerCapabilities peers = new PeerCapabilities();
        assertThat(peers.has("12345", Capabilities.HTML_MESSAGES)).as("unknown contact").isFalse();

        peers.arrived("12345", caps(Capabilities.SEND_FILE, Capabilities.HTML_MESSAGES));
        peers.arrived("67890", caps(Capabilities.SEND_FILE));
        assertThat(peers.has("12345", Capabilities.HTML_MESSAGES)).isTrue();
        assertThat(peers.has("67890", Capabilities.HTML_MESSAGES)).isFalse();
        assertThat(peers.has("67890", Capabilities.SEND_FILE)).isTrue();

        peers.arrived("12345", null); // a status change without TLV 0x000D keeps what was known
        assertThat(peers.has("12345", Capabilities.HTML_MESSAGES)).isTrue();
        peers.departed("12345");
        assertThat(peers.has("12345", Capabilities.HTML_MESSAGES)).isFalse();
    }

    @Test
    void namesCompareWithoutCaseOrSpacesAndGuidsOnlyOnTheirBoundaries() {
        PeerCapabilities peers = new PeerCapabilities();
        byte[] shifted = new byte[32];
        System.arraycopy(Capabilities.HTML_MESSAGES, 0, shifted, 8, 16); // straddles two GUIDs: not advertised
        peers.arrived("Some Body", shifted);
        assertThat(peers.has("somebody", Capabilities.HTML_MESSAGES)).isFalse();
        peers.arrived("Some Body", caps(Capabilities.HTML_MESSAGES));
        assertThat(peers.has("somebody", Capabilities.HTML_MESSAGES)).isTrue();
    }
}
