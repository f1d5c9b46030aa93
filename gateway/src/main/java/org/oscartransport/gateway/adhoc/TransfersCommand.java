package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.transfer.ActiveTransfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists transfers under way with their progress, and cancels the one chosen in the form (both sides). Users see
 * their own transfers; the admin variant sees and may cancel everyone's.
 */
final class TransfersCommand implements Command {

    static final String USER_NODE = "transfers";
    static final String ADMIN_NODE = "admin/transfers";
    static final String CANCEL_FIELD = "cancel";
    private static final Logger log = LoggerFactory.getLogger(TransfersCommand.class);

    private final ActiveTransfers transfers;
    private final boolean admin;

    private TransfersCommand(ActiveTransfers transfers, boolean admin) {
        this.transfers = transfers;
        this.admin = admin;
    }

    static TransfersCommand forUsers(ActiveTransfers transfers) {
        return new TransfersCommand(transfers, false);
    }

    static TransfersCommand forAdmins(ActiveTransfers transfers) {
        return new TransfersCommand(transfers, true);
    }

    @Override
    public String node() {
        return admin ? ADMIN_NODE : USER_NODE;
    }

    @Override
    public String name() {
        return admin ? "Active transfers (all users)" : "My file transfers";
    }

    @Override
    public boolean adminOnly() {
        return admin;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        List<ActiveTransfers.Entry> visible = visibleTo(caller);
        if (visible.isEmpty()) {
            return CompletableFuture.completedFuture(Stage.info("No file transfers under way."));
        }
        Element form = DataForms.form(name(), "Choose a transfer to cancel it, or complete without one.");
        DataForms.field(form, "transfers", "text-multi", "Transfers",
                visible.stream().map(t -> TransferLines.describe(t, admin)).toList());
        Element cancel = DataForms.field(form, CANCEL_FIELD, "list-single", "Cancel", List.of());
        visible.forEach(t -> DataForms.option(cancel, t.id(), TransferLines.describe(t, admin)));
        return CompletableFuture.completedFuture(Stage.ask(form, null));
    }

    @Override
    public CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
        Optional<String> chosen = DataForms.single(values, CANCEL_FIELD).filter(id -> !id.isEmpty());
        if (chosen.isEmpty()) {
            return CompletableFuture.completedFuture(Stage.info("Nothing cancelled."));
        }
        // Looked up again: the transfer may have ended, and a user may only cancel their own.
        Optional<ActiveTransfers.Entry> transfer = transfers.find(chosen.get())
                .filter(t -> admin || t.bareJid().equals(caller.bareJid()));
        if (transfer.isEmpty()) {
            return CompletableFuture.completedFuture(Stage.error("That transfer is no longer under way."));
        }
        if (!transfer.get().cancel()) {
            return CompletableFuture.completedFuture(Stage.error("That transfer cannot be cancelled now."));
        }
        log.info("{} cancelled transfer #{} of {}", caller.bareJid(), transfer.get().id(), transfer.get().bareJid());
        return CompletableFuture.completedFuture(Stage.info("Cancelled " + transfer.get().fileName() + "."));
    }

    private List<ActiveTransfers.Entry> visibleTo(Caller caller) {
        return admin ? transfers.all() : transfers.of(caller.bareJid());
    }
}
