package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.registration.RegistrationHandler;
import org.oscartransport.gateway.store.UserSettingsCache;

/** Removes the user's registration (as XEP-0077 {@code <remove/>} would), after a confirmation. */
final class UnregisterCommand implements Command {

    static final String NODE = "unregister";
    static final String CONFIRM = "confirm";

    private final RegistrationHandler registration;
    private final UserSettingsCache settings;

    UnregisterCommand(RegistrationHandler registration, UserSettingsCache settings) {
        this.registration = registration;
        this.settings = settings;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Unregister";
    }

    @Override
    public boolean adminOnly() {
        return false;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        Element form = DataForms.form("Unregister",
                "This signs you off ICQ and removes your UIN, password and settings from the transport.");
        DataForms.field(form, CONFIRM, "boolean", "Yes, unregister me", List.of("0"));
        return CompletableFuture.completedFuture(Stage.ask(form, null));
    }

    @Override
    public CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
        if (!DataForms.bool(values, CONFIRM).orElse(false)) {
            return CompletableFuture.completedFuture(Stage.info("Still registered: nothing changed."));
        }
        return registration.unregister(caller.bareJid()).thenApply(removed -> {
            settings.forget(caller.bareJid());
            return removed ? Stage.info("Unregistered.") : Stage.error("You were not registered.");
        });
    }
}
