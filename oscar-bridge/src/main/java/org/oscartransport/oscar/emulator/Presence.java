package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Buddy arrivals and departures (oscar.md §4.2, §11). The emulator keeps no buddy lists, so every signed-on
 * user is everyone's buddy: enough for the small populations of tests, where both sides of a transfer must see
 * each other's Send File capability. One user per 0003/000B, since libpurple reads only the first (§4.2).
 */
final class Presence {

    private static final int BUDDY = 0x0003;
    private static final int ARRIVED = 0x000B;
    private static final int DEPARTED = 0x000C;

    private final EmulatorRegistry registry;

    Presence(EmulatorRegistry registry) {
        this.registry = registry;
    }

    /** {@code session} sent client ready: it and everyone already visible learn of each other. */
    void arrived(EmulatorBosSession session) {
        session.markVisible();
        for (EmulatorBosSession other : registry.online()) {
            if (other != session && other.isVisible()) {
                sendArrival(other, session);
                sendArrival(session, other);
            }
        }
    }

    /** {@code session} set a new ICQ status (0001/001E): everyone visible gets a fresh arrival. */
    void changed(EmulatorBosSession session) {
        for (EmulatorBosSession other : registry.online()) {
            if (other != session && other.isVisible()) {
                sendArrival(other, session);
            }
        }
    }

    /** {@code session} is gone: everyone still visible sees it leave. */
    void departed(EmulatorBosSession session) {
        if (!session.isVisible()) {
            return;
        }
        for (EmulatorBosSession other : registry.online()) {
            if (other != session && other.isVisible()) {
                ByteBuf body = other.channel().alloc().buffer();
                byte[] name = session.uin().getBytes(StandardCharsets.US_ASCII);
                body.writeByte(name.length).writeBytes(name).writeShort(0).writeShort(0);
                EmulatorSnacs.push(other.channel(), BUDDY, DEPARTED, body);
            }
        }
    }

    private static void sendArrival(EmulatorBosSession to, EmulatorBosSession about) {
        ByteBuf body = to.channel().alloc().buffer();
        about.userInfo().write(body);
        EmulatorSnacs.push(to.channel(), BUDDY, ARRIVED, body);
    }
}
