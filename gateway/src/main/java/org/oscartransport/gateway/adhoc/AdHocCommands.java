package org.oscartransport.gateway.adhoc;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.dom4j.Element;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.Iqs;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.registration.RegistrationHandler;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.gateway.transfer.ActiveTransfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0050 ad-hoc commands on the transport's JID: the command list (disco#items of the commands node, only
 * what the requester may run) and execution, with a session per multi-step command.
 */
public final class AdHocCommands {

    public static final String NAMESPACE = "http://jabber.org/protocol/commands";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    /** A half-finished command is forgotten after this long. */
    private static final Duration SESSION_LIFETIME = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(AdHocCommands.class);

    private record Session(String node, JID owner, Object state, long createdNanos) {}

    private final ContactJids jids;
    private final Set<String> adminJids;
    private final Predicate<String> registered;
    private final Executor storeExecutor;
    private final Map<String, Command> byNode = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param adminJids bare JIDs that may run admin commands
     * @param registered whether a bare JID has a registration; blocks, so it runs on {@code storeExecutor}
     */
    AdHocCommands(ContactJids jids, Set<String> adminJids, Predicate<String> registered, Executor storeExecutor,
            List<Command> commands) {
        this.jids = jids;
        this.adminJids = Set.copyOf(adminJids);
        this.registered = registered;
        this.storeExecutor = storeExecutor;
        commands.forEach(c -> byNode.put(c.node(), c));
    }

    /** The transport's commands: transfers, settings and unregister for users; the rest for admins. */
    public static AdHocCommands create(ContactJids jids, Set<String> adminJids, RegistrationStore registrations,
            RegistrationHandler registration, UserSessions sessions, ActiveTransfers transfers,
            UserSettingsCache settings, XmppOut xmpp, Executor storeExecutor) {
        return new AdHocCommands(jids, adminJids, bareJid -> registrations.find(bareJid).isPresent(), storeExecutor,
                List.of(TransfersCommand.forUsers(transfers),
                        new SettingsCommand(settings, storeExecutor),
                        new UnregisterCommand(registration, settings),
                        new StatisticsCommand(() -> registrations.all().size(), sessions, transfers, storeExecutor),
                        new OnlineUsersCommand(sessions),
                        TransfersCommand.forAdmins(transfers),
                        new AnnounceCommand(sessions, xmpp, jids.transportJid())));
    }

    /** disco#items for the commands node: the commands the requester may run. */
    public CompletableFuture<IQ> list(IQ request) {
        return caller(request.getFrom()).thenApply(caller -> {
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", DISCO_ITEMS);
            query.addAttribute("node", NAMESPACE);
            byNode.values().stream().filter(caller::mayRun).forEach(command -> {
                Element item = query.addElement("item");
                item.addAttribute("jid", jids.transportJid().toString());
                item.addAttribute("node", command.node());
                item.addAttribute("name", command.name());
            });
            return result;
        });
    }

    /** An iq set with a {@code <command/>}. */
    public CompletableFuture<IQ> execute(IQ request) {
        Element element = request.getChildElement();
        Command command = byNode.get(element.attributeValue("node"));
        if (command == null) {
            return done(Iqs.error(request, PacketError.Condition.item_not_found, "no such command"));
        }
        if (request.getFrom() == null || request.getFrom().getNode() == null) {
            return done(Iqs.error(request, PacketError.Condition.forbidden, null));
        }
        return caller(request.getFrom()).thenCompose(caller -> {
            if (!caller.mayRun(command)) {
                log.info("{} may not run {}", caller.bareJid(), command.node());
                return done(Iqs.error(request, PacketError.Condition.forbidden, null));
            }
            return step(request, element, command, caller);
        });
    }

    private CompletableFuture<IQ> step(IQ request, Element element, Command command, Caller caller) {
        forgetOldSessions();
        String action = element.attributeValue("action", "execute").toLowerCase(Locale.ROOT);
        String sessionId = element.attributeValue("sessionid");
        if (sessionId == null) {
            if (!action.equals("execute")) {
                return done(badRequest(request, "bad-action"));
            }
            return command.execute(caller).thenApply(stage -> answer(request, command, newSessionId(), stage));
        }
        Session session = sessions.remove(sessionId);
        if (session == null || !session.node().equals(command.node()) || !session.owner().equals(request.getFrom())) {
            return done(badRequest(request, "bad-sessionid"));
        }
        if (action.equals("cancel")) {
            IQ result = IQ.createResultIQ(request);
            Element answer = commandElement(result, command, sessionId);
            answer.addAttribute("status", "canceled");
            return done(result);
        }
        if (action.equals("prev")) {
            return done(badRequest(request, "bad-action"));
        }
        return command.submit(caller, DataForms.submitted(element), session.state())
                .thenApply(stage -> answer(request, command, sessionId, stage));
    }

    private IQ answer(IQ request, Command command, String sessionId, Stage stage) {
        IQ result = IQ.createResultIQ(request);
        Element answer = commandElement(result, command, sessionId);
        if (stage instanceof Stage.Ask ask) {
            sessions.put(sessionId, new Session(command.node(), request.getFrom(), ask.state(), System.nanoTime()));
            answer.addAttribute("status", "executing");
            Element actions = answer.addElement("actions");
            actions.addAttribute("execute", "complete");
            actions.addElement("complete");
            answer.add(ask.form());
        } else {
            Stage.Done end = (Stage.Done) stage;
            answer.addAttribute("status", "completed");
            end.result().ifPresent(answer::add);
            Element note = answer.addElement("note");
            note.addAttribute("type", end.type().name().toLowerCase(Locale.ROOT));
            note.setText(end.note());
        }
        return result;
    }

    private static Element commandElement(IQ result, Command command, String sessionId) {
        Element answer = result.setChildElement("command", NAMESPACE);
        answer.addAttribute("node", command.node());
        answer.addAttribute("sessionid", sessionId);
        return answer;
    }

    /** bad-request with the XEP-0050 specific condition (bad-action, bad-sessionid...). */
    private static IQ badRequest(IQ request, String specific) {
        IQ error = Iqs.error(request, PacketError.Condition.bad_request, null);
        error.getError().getElement().addElement(specific, NAMESPACE);
        return error;
    }

    private CompletableFuture<Caller> caller(JID from) {
        String bare = from == null ? "" : from.toBareJID().toLowerCase(Locale.ROOT);
        boolean admin = adminJids.contains(bare);
        if (from == null || from.getNode() == null) {
            return CompletableFuture.completedFuture(new Caller(from, false, false));
        }
        return CompletableFuture.supplyAsync(() -> new Caller(from, admin, registered.test(from.toBareJID())),
                storeExecutor);
    }

    private String newSessionId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void forgetOldSessions() {
        long now = System.nanoTime();
        sessions.values().removeIf(s -> now - s.createdNanos() > SESSION_LIFETIME.toNanos());
    }

    private static CompletableFuture<IQ> done(IQ answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
