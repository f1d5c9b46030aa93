package org.oscartransport.gateway.store;

import java.util.Map;

/** Per-user settings (ad-hoc "settings" command). Blocking, like {@link RegistrationStore}. */
public interface UserSettingsStore {

    /** Every user who changed a setting, by bare JID. */
    Map<String, UserSettings> allSettings();

    void saveSettings(String bareJid, UserSettings settings);
}
