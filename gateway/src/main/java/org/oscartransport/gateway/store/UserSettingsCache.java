package org.oscartransport.gateway.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settings read on event loops (when an offer goes out) without touching the database: everything is loaded
 * once at start (one short row per user who changed something) and writes go through to the store.
 */
public final class UserSettingsCache {

    private final UserSettingsStore store;
    private final Map<String, UserSettings> byBareJid = new ConcurrentHashMap<>();

    /** Blocks while it loads. */
    public UserSettingsCache(UserSettingsStore store) {
        this.store = store;
        byBareJid.putAll(store.allSettings());
    }

    public UserSettings get(String bareJid) {
        return byBareJid.getOrDefault(bareJid, UserSettings.DEFAULT);
    }

    /** Blocks on the store: call it off event loops. */
    public void save(String bareJid, UserSettings settings) {
        store.saveSettings(bareJid, settings);
        byBareJid.put(bareJid, settings);
    }

    /** The user unregistered (the store deletes the row with the registration). */
    public void forget(String bareJid) {
        byBareJid.remove(bareJid);
    }
}
