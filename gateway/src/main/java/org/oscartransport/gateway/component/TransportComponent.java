package org.oscartransport.gateway.component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.registration.RegistrationHandler;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;
import org.oscartransport.gateway.util.Failures;
import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The XEP-0114 component: routes stanzas from the XMPP server to registration, sessions and chat, and is the
 * gateway's way out to the server. One dispatch thread (see {@link OrderedComponentManager} and the
 * one-thread pool below) keeps every user's stanzas in order.
 */
public final class TransportComponent extends AbstractComponent implements XmppOut {

    private final ContactJids jids;
    private final PendingQueries pending = new PendingQueries();
    private volatile RegistrationHandler registration;
    private volatile UserSessions sessions;

    public TransportComponent(ContactJids jids) {
        super(1, 10_000, true);
        this.jids = jids;
    }

    /** Wires the handlers; call once before the component is connected. */
    public void attach(RegistrationHandler registration, UserSessions sessions) {
        this.registration = registration;
        this.sessions = sessions;
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
    protected String discoInfoIdentityCategory() {
        return "gateway";
    }

    @Override
    protected String discoInfoIdentityCategoryType() {
        return "icq";
    }

    @Override
    protected String[] discoInfoFeatureNamespaces() {
        return new String[] {RegistrationHandler.NAMESPACE};
    }

    @Override
    protected IQ handleIQGet(IQ iq) {
        return RegistrationHandler.NAMESPACE.equals(namespace(iq)) && addressedToTransport(iq)
                ? registration.handleGet(iq) : null;
    }

    @Override
    protected IQ handleIQSet(IQ iq) {
        return RegistrationHandler.NAMESPACE.equals(namespace(iq)) && addressedToTransport(iq)
                ? registration.handleSet(iq) : null;
    }

    @Override
    protected void handleIQResult(IQ iq) {
        pending.complete(iq);
    }

    @Override
    protected void handleIQError(IQ iq) {
        pending.complete(iq);
    }

    @Override
    protected void handlePresence(Presence presence) {
        if (!addressedToTransport(presence)) {
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

    @Override
    protected void handleMessage(Message message) {
        String body = message.getBody();
        if (body == null || message.getType() == Message.Type.error) {
            return;
        }
        String uin = jids.uinOf(message.getTo()).orElse(null);
        if (uin == null) {
            return;
        }
        UserSession session = sessions.session(message.getFrom().toBareJID()).orElse(null);
        if (session == null || session.oscar().isEmpty()) {
            bounce(message, PacketError.Condition.recipient_unavailable, "you are not logged in to ICQ");
            return;
        }
        session.oscar().get().sendMessage(uin, body).whenComplete((v, failure) -> {
            if (failure != null) {
                bounce(message, PacketError.Condition.recipient_unavailable, Failures.reason(failure));
            }
        });
    }

    @Override
    public void send(Packet packet) {
        super.send(packet);
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

    @Override
    public void postComponentShutdown() {
        pending.failAll("XMPP connection lost");
    }

    /** Tells a newly registered user's server that the transport wants their presence (XEP-0100). */
    public void requestSubscription(JID bareJid) {
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(jids.transportJid());
        subscribe.setTo(bareJid);
        send(subscribe);
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

    private static String namespace(IQ iq) {
        Element child = iq.getChildElement();
        return child == null ? null : child.getNamespaceURI();
    }
}
