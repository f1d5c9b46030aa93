package org.oscartransport.gateway.component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.chatstate.ChatStates;
import org.oscartransport.gateway.registration.RegistrationHandler;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.transfer.FileShareParser;
import org.oscartransport.gateway.transfer.OutboundOffers;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.oscar.session.ContactAddition;
import org.oscartransport.oscar.session.OscarSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The XEP-0114 component: routes stanzas from the XMPP server to registration, sessions and chat, and is the
 * gateway's way out to the server.
 *
 * <p>It implements Whack's {@code Component} directly rather than Tinder's {@code AbstractComponent}, whose IQ
 * handlers must answer synchronously: registration waits for a real ICQ login, which must not hold up other
 * users' stanzas. {@link OrderedComponentManager} calls {@link #processPacket} on one thread in arrival order,
 * so each user's stanzas are handled in order.
 */
public final class TransportComponent implements Component, XmppOut {

    private static final Logger log = LoggerFactory.getLogger(TransportComponent.class);
    private static final String PING = "urn:xmpp:ping";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private final ContactJids jids;
    private final PendingQueries pending = new PendingQueries();
    private final Map<String, IqHandler> getHandlers = new HashMap<>();
    private final Map<String, IqHandler> setHandlers = new HashMap<>();
    /** disco#items of the transport's JID per node, for services added with {@link #addService}. */
    private final Map<String, IqHandler> itemsNodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> features = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ComponentManager manager;
    private volatile UserSessions sessions;
    private volatile OutboundOffers outbound;
    private volatile Runnable onConnected = () -> {};
    private volatile boolean connected;

    public TransportComponent(ContactJids jids) {
        this.jids = jids;
    }

    /**
     * Wires the handlers; call once before the component is connected.
     *
     * @param onConnected run after every (re)connection to the XMPP server
     */
    public void attach(RegistrationHandler registration, UserSessions sessions, OutboundOffers outbound,
            Runnable onConnected) {
        this.sessions = sessions;
        this.outbound = outbound;
        this.onConnected = onConnected;
        features.addAll(0, List.of(DiscoInfoHandler.NAMESPACE, RegistrationHandler.NAMESPACE,
                GatewayPromptHandler.NAMESPACE, PING, ChatStates.NAMESPACE));
        DiscoInfoHandler disco = new DiscoInfoHandler(jids, features);
        GatewayPromptHandler gateway = new GatewayPromptHandler(jids);
        getHandlers.put(DiscoInfoHandler.NAMESPACE, IqHandler.sync(disco::answer));
        getHandlers.put(DISCO_ITEMS, this::items);
        getHandlers.put(PING, IqHandler.sync(IQ::createResultIQ));
        getHandlers.put(GatewayPromptHandler.NAMESPACE, toTransport(IqHandler.sync(gateway::prompt)));
        setHandlers.put(GatewayPromptHandler.NAMESPACE, toTransport(IqHandler.sync(gateway::translate)));
        getHandlers.put(RegistrationHandler.NAMESPACE, toTransport(registration::handleGet));
        setHandlers.put(RegistrationHandler.NAMESPACE, toTransport(registration::handleSet));
        setHandlers.put(OutboundOffers.IQ_OOB, outbound::handleIq);
    }

    /**
     * Adds a service of the transport's own JID (e.g. XEP-0050 commands): advertised in disco#info, its IQ sets
     * routed to {@code setHandler}, and disco#items for {@code itemsNode} answered by {@code itemsHandler}.
     * Call before the component is connected.
     */
    public void addService(String namespace, IqHandler setHandler, String itemsNode, IqHandler itemsHandler) {
        features.add(namespace);
        setHandlers.put(namespace, toTransport(setHandler));
        itemsNodes.put(itemsNode, itemsHandler);
    }

    @Override
    public String getName() {
        return "ICQ transport";
    }

    @Override
    public String getDescription() {
        return "XMPP transport to ICQ (OSCAR) with file transfer";
    }

    @Override
    public void initialize(JID jid, ComponentManager componentManager) {
        this.manager = componentManager;
    }

    @Override
    public void start() {
        connected = true;
        onConnected.run();
    }

    /**
     * Whack calls this when the XMPP connection is lost (and on removal). Users' presences died with the
     * connection, so their ICQ sessions end too; after reconnecting, probes bring them back.
     */
    @Override
    public void shutdown() {
        connected = false;
        pending.failAll("XMPP connection lost");
        UserSessions current = sessions;
        if (current != null) {
            current.closeAll();
        }
    }

    public boolean isConnected() {
        return connected;
    }

    @Override
    public void processPacket(Packet packet) {
        try {
            if (packet instanceof IQ iq) {
                processIq(iq);
            } else if (packet instanceof Presence presence) {
                processPresence(presence);
            } else if (packet instanceof Message message) {
                processMessage(message);
            }
        } catch (RuntimeException e) {
            log.warn("could not handle a stanza from {}", packet.getFrom(), e);
            if (packet instanceof IQ iq && iq.isRequest()) {
                send(Iqs.error(iq, PacketError.Condition.internal_server_error, null));
            }
        }
    }

    @Override
    public void send(Packet packet) {
        ComponentManager current = manager;
        if (current == null) {
            log.warn("dropped a stanza: not connected to the XMPP server");
            return;
        }
        try {
            current.sendPacket(this, packet);
        } catch (ComponentException | RuntimeException e) {
            // Whack drops stanzas while reconnecting; callers see timeouts for IQs, nothing else to do.
            log.warn("could not send a stanza to the XMPP server: {}", e.getMessage());
        }
    }

    @Override
    public CompletableFuture<IQ> query(IQ request, Duration timeout) {
        if (request.getID() == null) {
            request.setID(UUID.randomUUID().toString());
        }
        CompletableFuture<IQ> answer = pending.register(request, timeout);
        send(request);
        return answer;
    }

    /** Tells a newly registered user's server that the transport wants their presence (XEP-0100). */
    public void requestSubscription(JID bareJid) {
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(jids.transportJid());
        subscribe.setTo(bareJid);
        send(subscribe);
    }

    /** Asks a user's server for the user's presence (sent for every registered user at start). */
    public void probe(JID bareJid) {
        Presence probe = new Presence(Presence.Type.probe);
        probe.setFrom(jids.transportJid());
        probe.setTo(bareJid);
        send(probe);
    }

    /** After unregistration: the transport no longer wants the user's presence, nor offers its own. */
    public void cancelSubscriptions(JID bareJid) {
        for (Presence.Type type : new Presence.Type[] {Presence.Type.unsubscribe, Presence.Type.unsubscribed}) {
            Presence presence = new Presence(type);
            presence.setFrom(jids.transportJid());
            presence.setTo(bareJid);
            send(presence);
        }
    }

    private void processIq(IQ iq) {
        if (!iq.isRequest()) {
            pending.complete(iq);
            return;
        }
        Element child = iq.getChildElement();
        IqHandler handler = child == null ? null
                : (iq.getType() == IQ.Type.get ? getHandlers : setHandlers).get(child.getNamespaceURI());
        if (handler == null) {
            send(Iqs.error(iq, PacketError.Condition.service_unavailable, null));
            return;
        }
        handler.handle(iq).whenComplete((answer, failure) -> {
            if (failure != null) {
                log.warn("answering an IQ from {} failed: {}", iq.getFrom(), Failures.reason(failure));
                send(Iqs.error(iq, PacketError.Condition.internal_server_error, null));
            } else {
                send(answer);
            }
        });
    }

    private void processPresence(Presence presence) {
        if (presence.getFrom() == null) {
            return;
        }
        if (!addressedToTransport(presence)) {
            jids.uinOf(presence.getTo()).ifPresent(uin -> contactPresence(presence, uin));
            return;
        }
        Presence.Type type = presence.getType();
        if (type == Presence.Type.subscribe) {
            reply(presence, Presence.Type.subscribed);
        } else if (type == Presence.Type.probe) {
            boolean online = sessions.session(presence.getFrom().toBareJID()).flatMap(UserSession::oscar).isPresent();
            reply(presence, online ? null : Presence.Type.unavailable);
        } else {
            sessions.presence(presence);
        }
    }

    /**
     * Presence the user addresses to {@code UIN@transport} (XEP-0100 §5): subscribing adds the contact to the ICQ
     * list (approved at once, or once a contact that requires authorization granted it, the status text being the
     * request's reason), unsubscribing removes it, a probe gets the contact's current presence. The user's
     * "subscribed"/"unsubscribed" answers grant or deny a contact's authorization request; otherwise they answer
     * our own requests and need nothing from us. Anything else (directed availability) is ignored.
     */
    private void contactPresence(Presence presence, String uin) {
        Optional<UserSession> user = sessions.session(presence.getFrom().toBareJID());
        Optional<OscarSession> oscar = user.flatMap(UserSession::oscar);
        switch (presence.getType() == null ? Presence.Type.error : presence.getType()) {
            case subscribe -> {
                if (oscar.isEmpty()) {
                    log.debug("{} subscribed to {} while not on ICQ; list unchanged", presence.getFrom().toBareJID(),
                            uin);
                    replyFromContact(presence, Presence.Type.subscribed);
                    return;
                }
                // a contact suggested by roster item exchange asks back, so the subscription goes both ways
                boolean askBack = user.get().subscribedByExchange(uin);
                // approve once ICQ has answered, so the contact is on the ICQ list by the time the user sees it
                oscar.get().addContact(uin, null, presence.getStatus()).whenComplete((added, e) -> {
                    if (e != null) {
                        log.warn("{}: could not add {} to the ICQ list: {}", presence.getFrom().toBareJID(), uin,
                                Failures.reason(e));
                    } else if (added == ContactAddition.AWAITING_AUTHORIZATION) {
                        log.debug("{}: {} asked for authorization; approval waits for its answer",
                                presence.getFrom().toBareJID(), uin);
                        return;
                    }
                    replyFromContact(presence, Presence.Type.subscribed);
                    if (askBack) {
                        Presence subscribe = new Presence(Presence.Type.subscribe);
                        subscribe.setFrom(new JID(presence.getTo().toBareJID()));
                        subscribe.setTo(new JID(presence.getFrom().toBareJID()));
                        send(subscribe);
                    }
                });
            }
            case subscribed -> user.ifPresent(u -> u.answerAuthorization(uin, true));
            case unsubscribe, unsubscribed -> {
                if (presence.getType() == Presence.Type.unsubscribed) {
                    user.ifPresent(u -> u.answerAuthorization(uin, false));
                }
                if (presence.getType() == Presence.Type.unsubscribe) {
                    replyFromContact(presence, Presence.Type.unsubscribed);
                }
                oscar.ifPresent(o -> o.removeContact(uin).whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("{}: could not remove {} from the ICQ list: {}", presence.getFrom().toBareJID(),
                                uin, Failures.reason(e));
                    }
                }));
            }
            case probe -> {
                if (user.isPresent()) {
                    user.get().probeContact(uin, presence.getFrom());
                } else {
                    replyFromContact(presence, Presence.Type.unavailable);
                }
            }
            default -> { }
        }
    }

    private void replyFromContact(Presence request, Presence.Type type) {
        Presence answer = new Presence(type);
        answer.setFrom(new JID(request.getTo().toBareJID()));
        answer.setTo(request.getFrom());
        send(answer);
    }

    private void processMessage(Message message) {
        if (message.getType() == Message.Type.error || message.getFrom() == null) {
            return;
        }
        String uin = jids.uinOf(message.getTo()).orElse(null);
        if (uin == null) {
            return;
        }
        FileShareParser.Kind kind = FileShareParser.parse(message);
        if (kind instanceof FileShareParser.Nothing) {
            // a bare chat state becomes a typing notification, never an empty IM; a body ends typing by itself
            ChatStates.typingOf(message).ifPresent(state -> sessions.session(message.getFrom().toBareJID())
                    .flatMap(UserSession::oscar)
                    .ifPresent(oscar -> oscar.sendTyping(uin, state)));
            return;
        }
        UserSession session = sessions.session(message.getFrom().toBareJID()).orElse(null);
        if (session == null || session.oscar().isEmpty()) {
            bounce(message, PacketError.Condition.recipient_unavailable, "you are not logged in to ICQ");
            return;
        }
        if (kind instanceof FileShareParser.File file) {
            outbound.handleShared(session, uin, file.file());
            return;
        }
        session.oscar().get().sendMessage(uin, ((FileShareParser.Text) kind).body()).whenComplete((v, failure) -> {
            if (failure != null) {
                bounce(message, MessageFailures.conditionOf(failure), Failures.reason(failure));
            }
        });
    }

    private IqHandler toTransport(IqHandler handler) {
        return request -> addressedToTransport(request) ? handler.handle(request)
                : CompletableFuture.completedFuture(Iqs.error(request, PacketError.Condition.service_unavailable, null));
    }

    private CompletableFuture<IQ> items(IQ request) {
        String node = request.getChildElement().attributeValue("node");
        IqHandler handler = node == null ? null : itemsNodes.get(node);
        if (handler != null && addressedToTransport(request)) {
            return handler.handle(request);
        }
        return CompletableFuture.completedFuture(noItems(request));
    }

    private static IQ noItems(IQ request) {
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("query", DISCO_ITEMS);
        return result;
    }

    private void reply(Presence request, Presence.Type type) {
        Presence answer = new Presence(type);
        answer.setFrom(jids.transportJid());
        answer.setTo(request.getFrom());
        send(answer);
    }

    private void bounce(Message message, PacketError.Condition condition, String text) {
        Message error = message.createCopy();
        error.setTo(message.getFrom());
        error.setFrom(message.getTo());
        error.setError(new PacketError(condition, condition.getDefaultType(), text));
        send(error);
    }

    private boolean addressedToTransport(Packet packet) {
        JID to = packet.getTo();
        return to != null && to.getNode() == null && jids.domain().equals(to.getDomain());
    }
}
