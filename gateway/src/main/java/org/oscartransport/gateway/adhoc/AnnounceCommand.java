package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Admin: a message from the transport's JID to every online user (maintenance windows, outages). */
final class AnnounceCommand implements Command {

    static final String NODE = "admin/announce";
    static final String BODY = "body";
    private static final Logger log = LoggerFactory.getLogger(AnnounceCommand.class);

    private final UserSessions sessions;
    private final XmppOut xmpp;
    private final JID transportJid;

    AnnounceCommand(UserSessions sessions, XmppOut xmpp, JID transportJid) {
        this.sessions = sessions;
        this.xmpp = xmpp;
        this.transportJid = transportJid;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Announce to online users";
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public CompletableFuture<Stage> execute(Caller caller) {
        Element form = DataForms.form("Announce", "The message goes to every user who is online now.");
        DataForms.field(form, BODY, "text-multi", "Message", List.of());
        return CompletableFuture.completedFuture(Stage.ask(form, null));
    }

    @Override
    public CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
        String body = String.join("\n", values.getOrDefault(BODY, List.of())).strip();
        if (body.isEmpty()) {
            return CompletableFuture.completedFuture(Stage.error("The message is empty: nothing sent."));
        }
        List<UserSession> online = sessions.online();
        for (UserSession user : online) {
            Message message = new Message();
            // headline: a notice, not a conversation; delivered to every available resource, never stored offline.
            message.setType(Message.Type.headline);
            message.setFrom(transportJid);
            message.setTo(user.bareJid());
            message.setBody(body);
            xmpp.send(message);
        }
        log.info("{} announced a message to {} online users", caller.bareJid(), online.size());
        return CompletableFuture.completedFuture(Stage.info("Sent to " + online.size() + " online users."));
    }
}
