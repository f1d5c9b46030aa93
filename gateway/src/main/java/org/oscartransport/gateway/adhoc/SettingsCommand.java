package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.dom4j.Element;
import org.oscartransport.gateway.store.UserSettings;
import org.oscartransport.gateway.store.UserSettingsCache;

/** A user's settings: how file offers arrive, and whether the transport sends notices about transfers. */
final class SettingsCommand implements Command {

    static final String NODE = "settings";
    static final String OFFER_STYLE = "offer-style";
    static final String NOTICES = "notices";

    private final UserSettingsCache settings;
    private final Executor storeExecutor;

    SettingsCommand(UserSettingsCache settings, Executor storeExecutor) {
        this.settings = settings;
        this.storeExecutor = storeExecutor;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Settings";
    }

    @Override
    public boolean adminOnly() {
        return false;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        UserSettings current = settings.get(caller.bareJid());
        Element form = DataForms.form("Settings", "How files from ICQ contacts reach you.");
        Element style = DataForms.field(form, OFFER_STYLE, "list-single", "Offer files as",
                List.of(current.offerStyle().code()));
        DataForms.option(style, UserSettings.OfferStyle.AUTO.code(),
                "Automatic: jabber:iq:oob to clients that support it, else a download message");
        DataForms.option(style, UserSettings.OfferStyle.MESSAGE.code(), "Always a download message (jabber:x:oob)");
        DataForms.option(style, UserSettings.OfferStyle.TEXT.code(), "A plain text line with the link");
        DataForms.field(form, NOTICES, "boolean", "Tell me when a transfer fails or is cancelled",
                List.of(current.notices() ? "1" : "0"));
        return CompletableFuture.completedFuture(Stage.ask(form, null));
    }

    @Override
    public CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
        UserSettings current = settings.get(caller.bareJid());
        Optional<String> styleCode = DataForms.single(values, OFFER_STYLE);
        Optional<UserSettings.OfferStyle> style = styleCode.flatMap(UserSettings.OfferStyle::byCode);
        if (styleCode.isPresent() && style.isEmpty()) {
            return CompletableFuture.completedFuture(Stage.error("Unknown offer style: " + styleCode.get()));
        }
        UserSettings chosen = new UserSettings(style.orElse(current.offerStyle()),
                DataForms.bool(values, NOTICES).orElse(current.notices()));
        return CompletableFuture.supplyAsync(() -> {
            settings.save(caller.bareJid(), chosen);
            return Stage.info("Settings saved.");
        }, storeExecutor);
    }
}
