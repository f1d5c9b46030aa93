package org.oscartransport.oscar.presence;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The capabilities each online contact advertised in its latest arrival (0003/000B TLV 0x000D), forgotten when it
 * departs. An arrival without the TLV keeps what was known. Used on the session's event loop only.
 */
public final class PeerCapabilities {

    private static final int GUID_LENGTH = 16;

    private final Map<String, byte[]> byContact = new HashMap<>();

    void arrived(String screenName, byte[] capabilities) {
        if (capabilities != null) byContact.put(normalized(screenName), capabilities.clone());
    }

    void departed(String screenName) {
        byContact.remove(normalized(screenName));
    }

    /** Whether {@code screenName} is online and advertised {@code capability} (16 bytes); false when unknown. */
    public boolean has(String screenName, byte[] capability) {
        byte[] caps = byContact.get(normalized(screenName));
        if (caps == null) return false;
        for (int at = 0; at + GUID_LENGTH <= caps.length; at += GUID_LENGTH) {
            if (java.util.Arrays.equals(caps, at, at + GUID_LENGTH, capability, 0, GUID_LENGTH)) return true;
        }
        return false;
    }

    /** Screen names compare without case and spaces (AIM names); UINs are digits either way. */
    private static String normalized(String screenName) {
        return screenName.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
