package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;

/** Admin: the users with an available resource, with their UIN and whether their ICQ session is up. */
final class OnlineUsersCommand implements Command {

    static final String NODE = "admin/online-users";

    private final UserSessions sessions;

    OnlineUsersCommand(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Online users";
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        List<UserSession> online = sessions.online();
        Element result = DataForms.result("Online users");
        DataForms.field(result, "users", "jid-multi", "Users", online.stream().map(s -> s.bareJid().toBareJID()).toList());
        String lines = online.stream()
                .map(s -> s.bareJid().toBareJID() + " (UIN " + s.uin() + ", "
                        + (s.oscar().isPresent() ? "on ICQ" : "not on ICQ") + ")")
                .reduce((a, b) -> a + "\n" + b)
                .orElse("Nobody is online.");
        return CompletableFuture.completedFuture(Stage.info(lines, result));
    }
}
