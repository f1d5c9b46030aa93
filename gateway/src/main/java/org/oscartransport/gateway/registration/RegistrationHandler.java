package org.oscartransport.gateway.registration;

import java.util.Optional;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0077 in-band registration with the legacy {@code username} (the UIN) and {@code password} fields.
 * Runs on the component's dispatch thread; the store is a local embedded database, so the blocking call is
 * short.
 */
public final class RegistrationHandler {

    public static final String NAMESPACE = "jabber:iq:register";
    private static final Logger log = LoggerFactory.getLogger(RegistrationHandler.class);

    private final RegistrationStore store;
    private final Consumer<Registration> onRegistered;
    private final Consumer<String> onRemoved;

    /**
     * @param onRegistered told about a new or changed registration
     * @param onRemoved told the bare JID of a user who unregistered
     */
    public RegistrationHandler(RegistrationStore store, Consumer<Registration> onRegistered, Consumer<String> onRemoved) {
        this.store = store;
        this.onRegistered = onRegistered;
        this.onRemoved = onRemoved;
    }

    public IQ handleGet(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        query.addElement("instructions").setText("Enter your ICQ number (UIN) and ICQ password.");
        Optional<Registration> existing = store.find(bareJid(request.getFrom()));
        existing.ifPresent(r -> query.addElement("registered"));
        query.addElement("username").setText(existing.map(Registration::uin).orElse(""));
        query.addElement("password");
        return result;
    }

    public IQ handleSet(IQ request) {
        JID from = request.getFrom();
        if (from == null || from.getNode() == null) {
            return error(request, PacketError.Condition.not_allowed, "only user accounts can register");
        }
        String bareJid = bareJid(from);
        Element query = request.getChildElement();
        if (query.element("remove") != null) {
            boolean removed = store.delete(bareJid);
            if (!removed) {
                return error(request, PacketError.Condition.registration_required, "not registered");
            }
            log.info("unregistered {}", bareJid);
            onRemoved.accept(bareJid);
            return IQ.createResultIQ(request);
        }
        String uin = text(query, "username");
        String password = text(query, "password");
        if (uin.isEmpty() || password.isEmpty()) {
            return error(request, PacketError.Condition.not_acceptable, "username (UIN) and password are required");
        }
        if (!ContactJids.isUin(uin)) {
            return error(request, PacketError.Condition.not_acceptable, "the username must be an ICQ number (UIN)");
        }
        Registration registration = new Registration(bareJid, uin, password);
        store.save(registration);
        log.info("registered {} as UIN {}", bareJid, uin);
        onRegistered.accept(registration);
        return IQ.createResultIQ(request);
    }

    private static String text(Element query, String name) {
        Element child = query.element(name);
        return child == null ? "" : child.getTextTrim();
    }

    private static String bareJid(JID jid) {
        return jid.toBareJID();
    }

    private static IQ error(IQ request, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(request);
        error.setChildElement(request.getChildElement().createCopy());
        error.setError(new PacketError(condition, condition.getDefaultType(), text));
        return error;
    }
}
