package org.oscartransport.oscar.emulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who authorized whom, for the accounts that require authorization ({@link Accounts#requiresAuthorization}):
 * others may list such an account only as "awaiting authorization" and see its presence only once it granted
 * them. Kept for the lifetime of the emulator. Thread-safe.
 */
final class Authorizations {

    private final Accounts accounts;
    /** "owner watcher" pairs, normalized. */
    private final Set<String> granted = ConcurrentHashMap.newKeySet();

    Authorizations(Accounts accounts) {
        this.accounts = accounts;
    }

    /** For emulators built without accounts (tests): nobody requires authorization. */
    static Authorizations none() {
        return new Authorizations(Accounts.open());
    }

    /** Whether {@code watcher} may list {@code owner} plainly and see its presence. */
    boolean allows(String owner, String watcher) {
        return !accounts.requiresAuthorization(owner) || granted.contains(key(owner, watcher));
    }

    void grant(String owner, String watcher) {
        granted.add(key(owner, watcher));
    }

    private static String key(String owner, String watcher) {
        return EmulatorRegistry.normalize(owner) + " " + EmulatorRegistry.normalize(watcher);
    }
}
