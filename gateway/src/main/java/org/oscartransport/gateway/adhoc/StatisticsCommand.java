package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import org.dom4j.Element;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.transfer.ActiveTransfers;

/** Admin: how many users are registered and online, and how many transfers run and have completed. */
final class StatisticsCommand implements Command {

    static final String NODE = "admin/statistics";

    private final IntSupplier registeredUsers;
    private final UserSessions sessions;
    private final ActiveTransfers transfers;
    private final Executor storeExecutor;

    /** @param registeredUsers counts registrations; blocks, so it runs on {@code storeExecutor} */
    StatisticsCommand(IntSupplier registeredUsers, UserSessions sessions, ActiveTransfers transfers,
            Executor storeExecutor) {
        this.registeredUsers = registeredUsers;
        this.sessions = sessions;
        this.transfers = transfers;
        this.storeExecutor = storeExecutor;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Statistics";
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        return CompletableFuture.supplyAsync(() -> {
            int registered = registeredUsers.getAsInt();
            int online = sessions.online().size();
            int active = transfers.all().size();
            long completed = transfers.completedSinceStart();
            Element result = DataForms.result("Statistics");
            DataForms.field(result, "registered-users", "text-single", "Registered users", List.of(Integer.toString(registered)));
            DataForms.field(result, "online-users", "text-single", "Online users", List.of(Integer.toString(online)));
            DataForms.field(result, "active-transfers", "text-single", "Active transfers", List.of(Integer.toString(active)));
            DataForms.field(result, "completed-transfers", "text-single", "Transfers completed since start",
                    List.of(Long.toString(completed)));
            return Stage.info(registered + " registered, " + online + " online, " + active
                    + " transfers under way, " + completed + " completed since start.", result);
        }, storeExecutor);
    }
}
