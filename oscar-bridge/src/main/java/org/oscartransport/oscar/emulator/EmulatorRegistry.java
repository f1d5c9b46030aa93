package org.oscartransport.oscar.emulator;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.oscar.icbm.IcbmCookies;

/** Shared emulator state: BOS cookies handed out at login, and who is online. Thread-safe. */
final class EmulatorRegistry {

    private static final long COOKIE_LIFETIME_MILLIS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Ticket(String uin, long expiresAt) {}

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<String, EmulatorBosSession> online = new ConcurrentHashMap<>();

    byte[] issueCookie(String uin) {
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        long now = System.currentTimeMillis();
        tickets.values().removeIf(t -> t.expiresAt < now);
        tickets.put(IcbmCookies.key(cookie), new Ticket(uin, now + COOKIE_LIFETIME_MILLIS));
        return cookie;
    }

    /** The UIN the cookie was issued to, or null; each cookie admits one connection. */
    String redeemCookie(byte[] cookie) {
        Ticket ticket = tickets.remove(IcbmCookies.key(cookie));
        return ticket == null || ticket.expiresAt < System.currentTimeMillis() ? null : ticket.uin;
    }

    /** Registers a session; returns the one it replaces (the same UIN signed on elsewhere), if any. */
    EmulatorBosSession signOn(EmulatorBosSession session) {
        return online.put(normalize(session.uin()), session);
    }

    void signOff(EmulatorBosSession session) {
        online.remove(normalize(session.uin()), session);
    }

    Iterable<EmulatorBosSession> online() {
        return online.values();
    }

    EmulatorBosSession find(String screenName) {
        return online.get(normalize(screenName));
    }

    static String normalize(String screenName) {
        return screenName.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
