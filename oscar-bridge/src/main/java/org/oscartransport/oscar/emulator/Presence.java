package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Buddy arrivals and departures (oscar.md §4.2, §11), sent to the users whose stored list ({@link FeedbagStore})
 * has the buddy. By default a user whose list holds no buddy at all sees everyone: the tests that predate stored
 * lists (file transfers need each other's Send File capability) rely on that;
 * {@link EmulatorOptions#presenceToListersOnly} turns it off, as real servers had it (and as thousands of sessions
 * need: otherwise every empty-listed user is told about every other). One user per 0003/000B, since libpurple
 * reads only the first (§4.2).
 */
final class Presence {

    private static final int BUDDY = 0x0003;
    private static final int ARRIVED = 0x000B;
    private static final int DEPARTED = 0x000C;

    private final EmulatorRegistry registry;
    private final FeedbagStore feedbag;
    private final Authorizations authorizations;
    private final PendingAuthorizations pendingAuthorizations = new PendingAuthorizations();
    private final EmulatorOptions options;

    Presence(EmulatorRegistry registry) {
        this(registry, new FeedbagStore(), Authorizations.none(), new EmulatorOptions());
    }

    Presence(EmulatorRegistry registry, FeedbagStore feedbag, Authorizations authorizations, EmulatorOptions options) {
        this.registry = registry;
        this.feedbag = feedbag;
        this.authorizations = authorizations;
        this.options = options;
    }

    FeedbagStore feedbag() {
        return feedbag;
    }

    Authorizations authorizations() {
        return authorizations;
    }

    PendingAuthorizations pendingAuthorizations() {
        return pendingAuthorizations;
    }

    EmulatorRegistry registry() {
        return registry;
    }

    /**
     * Whether {@code watcher} is told about {@code buddy}: an account that requires authorization is shown only to
     * those it authorized.
     */
    private boolean watches(EmulatorBosSession watcher, EmulatorBosSession buddy) {
        return authorizations.allows(buddy.uin(), watcher.uin())
                && (feedbag.lists(watcher.uin(), buddy.uin())
                        || (!options.presenceToListersOnly() && !feedbag.hasBuddies(watcher.uin())));
    }

    /**
     * {@code session} just listed {@code buddy}, or {@code buddy} just authorized it: if the buddy is visible and
     * may be seen, say so at once, as servers do.
     */
    void listed(EmulatorBosSession session, String buddy) {
        EmulatorBosSession other = registry.find(buddy);
        if (session.isVisible() && other != null && other != session && other.isVisible()
                && authorizations.allows(other.uin(), session.uin())) {
            sendArrival(session, other);
        }
    }

    /** {@code session} sent client ready: it and everyone already visible learn of each other. */
    void arrived(EmulatorBosSession session) {
        session.markVisible();
        for (EmulatorBosSession other : registry.online()) {
            if (other != session && other.isVisible()) {
                if (watches(other, session)) {
                    sendArrival(other, session);
                }
                if (watches(session, other)) {
                    sendArrival(session, other);
                }
            }
        }
    }

    /** {@code session} set a new ICQ status (0001/001E): everyone visible gets a fresh arrival. */
    void changed(EmulatorBosSession session) {
        for (EmulatorBosSession other : registry.online()) {
            if (other != session && other.isVisible() && watches(other, session)) {
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
            if (other != session && other.isVisible() && watches(other, session)) {
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
