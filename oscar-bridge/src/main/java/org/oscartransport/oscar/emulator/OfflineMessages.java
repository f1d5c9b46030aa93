package org.oscartransport.oscar.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * AIM-style stored IMs (oscar.md §5.7): messages sent with TLV 0x0006 to someone offline wait here until the
 * recipient asks with 0004/0010. Kept for the lifetime of the emulator.
 */
final class OfflineMessages {

    /** One stored ICBM: the sender as it was when it sent, and when (unix seconds). */
    record Stored(byte[] cookie, int channel, UserInfo sender, TlvChain tlvs, long sentAt) {}

    private final Map<String, List<Stored>> waiting = new ConcurrentHashMap<>();

    void store(String recipient, Stored message) {
        waiting.compute(EmulatorRegistry.normalize(recipient), (k, list) -> {
            List<Stored> next = list == null ? new ArrayList<>() : list;
            next.add(message);
            return next;
        });
    }

    /** Removes and returns everything waiting for {@code recipient}, oldest first. */
    List<Stored> take(String recipient) {
        List<Stored> list = waiting.remove(EmulatorRegistry.normalize(recipient));
        return list == null ? List.of() : list;
    }
}
