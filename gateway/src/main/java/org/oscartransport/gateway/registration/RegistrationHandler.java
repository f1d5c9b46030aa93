package org.oscartransport.gateway.registration;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.Iqs;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.oscar.login.OscarLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0077 in-band registration with the legacy {@code username} (the UIN) and {@code password} fields.
 * New credentials are checked by a real ICQ login before they are stored. Store calls block, so they run on
 * {@code storeExecutor}, never on the XMPP dispatch thread's critical path or an event loop.
 */
public final class RegistrationHandler {

    public static final String NAMESPACE = "jabber:iq:register";
    private static final Logger log = LoggerFactory.getLogger(RegistrationHandler.class);

    private final RegistrationStore store;
    private final CredentialCheck credentials;
    private final Set<String> allowedDomains;
    private final Executor storeExecutor;
    private final Consumer<Registration> onRegistered;
    private final Consumer<String> onRemoved;

    /**
     * @param allowedDomains domains whose users may register; empty means any
     * @param onRegistered told about a new or changed registration
     * @param onRemoved told the bare JID of a user who unregistered
     */
    public RegistrationHandler(RegistrationStore store, CredentialCheck credentials, Set<String> allowedDomains,
            Executor storeExecutor, Consumer<Registration> onRegistered, Consumer<String> onRemoved) {
        this.store = store;
        this.credentials = credentials;
        this.allowedDomains = Set.copyOf(allowedDomains);
        this.storeExecutor = storeExecutor;
        this.onRegistered = onRegistered;
        this.onRemoved = onRemoved;
    }

    public CompletableFuture<IQ> handleGet(IQ request) {
        return CompletableFuture.supplyAsync(() -> form(request), storeExecutor);
    }

    private IQ form(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        query.addElement("instructions").setText("Enter your ICQ number (UIN) and ICQ password.");
        Optional<Registration> existing = request.getFrom() == null ? Optional.empty()
                : store.find(request.getFrom().toBareJID());
        existing.ifPresent(r -> query.addElement("registered"));
        query.addElement("username").setText(existing.map(Registration::uin).orElse(""));
        query.addElement("password");
        return result;
    }

    public CompletableFuture<IQ> handleSet(IQ request) {
        JID from = request.getFrom();
        if (from == null || from.getNode() == null) {
            return done(Iqs.error(request, PacketError.Condition.not_allowed, "only user accounts can register"));
        }
        if (!allowedDomains.isEmpty() && !allowedDomains.contains(from.getDomain())) {
            return done(Iqs.error(request, PacketError.Condition.not_allowed,
                    "users of " + from.getDomain() + " may not use this transport"));
        }
        String bareJid = from.toBareJID();
        Element query = request.getChildElement();
        if (query.element("remove") != null) {
            return CompletableFuture.supplyAsync(() -> remove(request, bareJid), storeExecutor);
        }
        String uin = text(query, "username");
        String password = text(query, "password");
        if (uin.isEmpty() || password.isEmpty()) {
            return done(Iqs.error(request, PacketError.Condition.not_acceptable, "username (UIN) and password are required"));
        }
        if (!ContactJids.isUin(uin)) {
            return done(Iqs.error(request, PacketError.Condition.not_acceptable, "the username must be an ICQ number (UIN)"));
        }
        Registration registration = new Registration(bareJid, uin, password);
        // Credentials already stored were proven when they were stored: no need to ask ICQ again. New ones (a
        // password changed while online) are checked without signing on, so the live ICQ session stays up.
        return CompletableFuture.supplyAsync(() -> store.find(bareJid), storeExecutor)
                .thenCompose(existing -> existing.filter(registration::equals).isPresent()
                        ? CompletableFuture.<Void>completedFuture(null) : credentials.verify(uin, password))
                .thenApplyAsync(v -> save(request, registration), storeExecutor)
                .exceptionally(failure -> refused(request, uin, failure));
    }

    private IQ remove(IQ request, String bareJid) {
        if (!removeNow(bareJid)) {
            return Iqs.error(request, PacketError.Condition.registration_required, "not registered");
        }
        return IQ.createResultIQ(request);
    }

    /** Unregisters {@code bareJid} as a {@code <remove/>} would; completes with whether it was registered. */
    public CompletableFuture<Boolean> unregister(String bareJid) {
        return CompletableFuture.supplyAsync(() -> removeNow(bareJid), storeExecutor);
    }

    private boolean removeNow(String bareJid) {
        if (!store.delete(bareJid)) {
            return false;
        }
        log.info("unregistered {}", bareJid);
        onRemoved.accept(bareJid);
        return true;
    }

    private IQ save(IQ request, Registration registration) {
        store.save(registration);
        log.info("registered {} as UIN {}", registration.bareJid(), registration.uin());
        onRegistered.accept(registration);
        return IQ.createResultIQ(request);
    }

    private static IQ refused(IQ request, String uin, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof OscarLoginException)) {
            cause = cause.getCause();
        }
        String reason = Failures.reason(failure);
        log.info("registration of UIN {} by {} refused: {}", uin, request.getFrom().toBareJID(), reason);
        if (cause instanceof OscarLoginException login) {
            return switch (login.reason()) {
                case WRONG_PASSWORD, UNKNOWN_UIN -> Iqs.error(request, PacketError.Condition.not_authorized,
                        "ICQ refused the UIN or password: " + reason);
                case RATE_LIMITED -> Iqs.error(request, PacketError.Condition.resource_constraint,
                        "ICQ asks to wait before logging in again: " + reason);
                case UNREACHABLE, TIMEOUT -> Iqs.error(request, PacketError.Condition.remote_server_timeout,
                        "the ICQ server cannot be reached: " + reason);
                case OTHER -> Iqs.error(request, PacketError.Condition.not_authorized, reason);
            };
        }
        return Iqs.error(request, PacketError.Condition.internal_server_error, reason);
    }

    private static String text(Element query, String name) {
        Element child = query.element(name);
        return child == null ? "" : child.getTextTrim();
    }

    private static CompletableFuture<IQ> done(IQ answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
