package org.oscartransport.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dom4j.Element;
import org.oscartransport.gateway.chatstate.ChatStates;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.roster.RosterExchange;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.oscar.session.Contact;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.TypingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * One registered Jabber user while at least one of their resources is available: their resources (with the
 * features each advertises) and their ICQ session.
 */
public final class UserSession implements OscarSessionListener {

    /** Where a user's ICQ events go besides plain chat. */
    public interface FileOffers {
        void offer(UserSession user, IncomingFileOffer offer);

        void cancelledByContact(UserSession user, IncomingFileOffer offer);

        /** The user's ICQ session ended: offers still waiting for a download cannot be accepted any more. */
        void sessionEnded(UserSession user);
    }

    private static final Logger log = LoggerFactory.getLogger(UserSession.class);
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DELAY = "urn:xmpp:delay";
    private static final String NICK = "http://jabber.org/protocol/nick";
    private static final Duration DISCO_TIMEOUT = Duration.ofSeconds(10);
    /** How long an offer waits for a resource's disco#info answer before assuming it has no special features. */
    private static final Duration FEATURE_WAIT = Duration.ofSeconds(3);

    /** Replaced when the user changes their password while online; read at every (re)login. */
    private volatile Registration registration;
    private final JID bareJid;
    private final XmppOut xmpp;
    private final ContactJids jids;
    private final FileOffers fileOffers;
    private final Map<JID, CompletableFuture<Set<String>>> resources = new ConcurrentHashMap<>();
    /** Each resource's last available presence, handed to the successor when the ICQ connection is lost. */
    private final Map<JID, Presence> presences = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<UserSession> onLost = lost -> {};
    private final CompletableFuture<OscarSession> oscar = new CompletableFuture<>();
    private final UserStatus status = new UserStatus();
    private final ContactPresences contacts;
    /** The aliases the user gave contacts on the ICQ list, by UIN. */
    private final Map<String, String> nicknames = new ConcurrentHashMap<>();
    private final ContactAuthorizations authorizations;
    /** UINs suggested by roster item exchange whose subscription has not come back yet. */
    private final Set<String> exchanged = ConcurrentHashMap.newKeySet();
    /** What we last told ICQ; sign-on itself sets plain online. Guarded by {@code this}. */
    private UserStatus.Shown statusOnIcq = UserStatus.Shown.ONLINE;
    /** Set once we end the session ourselves, so its closing does not announce the same thing twice. */
    private volatile boolean loggedOut;

    UserSession(Registration registration, XmppOut xmpp, ContactJids jids, FileOffers fileOffers) {
        this.registration = registration;
        this.bareJid = new JID(registration.bareJid());
        this.xmpp = xmpp;
        this.jids = jids;
        this.fileOffers = fileOffers;
        this.contacts = new ContactPresences(xmpp, jids, resources::keySet);
        this.authorizations = new ContactAuthorizations(bareJid, xmpp, jids, nicknames::get);
    }

    public JID bareJid() {
        return bareJid;
    }

    public String uin() {
        return registration.uin();
    }

    Registration registration() {
        return registration;
    }

    /**
     * The user stored a new password for the same UIN: the ICQ session signed on stays, the next login (after a
     * lost connection) uses the new one.
     */
    void passwordChanged(Registration changed) {
        if (!changed.uin().equals(registration.uin()) || !changed.bareJid().equals(registration.bareJid())) {
            throw new IllegalArgumentException("not a password change: " + changed);
        }
        registration = changed;
    }

    /** An available presence from {@code fullJid}; returns true when the resource was not known yet. */
    boolean resourceAvailable(JID fullJid, Presence presence) {
        presences.put(fullJid, presence);
        status.update(fullJid, presence);
        applyStatus();
        if (resources.containsKey(fullJid)) {
            return false;
        }
        resources.put(fullJid, discoverFeatures(fullJid));
        oscar.thenRun(() -> {
            xmpp.send(transportPresence(fullJid, null));
            contacts.resourceAvailable(fullJid);
        });
        return true;
    }

    /** Returns true when no resource is left. */
    boolean resourceUnavailable(JID fullJid) {
        resources.remove(fullJid);
        presences.remove(fullJid);
        status.remove(fullJid);
        if (resources.isEmpty()) {
            return true;
        }
        applyStatus();
        return false;
    }

    /** Shows the most available resource's status on ICQ, if it differs from what ICQ has. */
    private synchronized void applyStatus() {
        Optional<OscarSession> session = oscar();
        UserStatus.Shown wanted = status.current();
        if (session.isEmpty() || wanted.equals(statusOnIcq)) {
            return;
        }
        statusOnIcq = wanted;
        log.debug("{} sets ICQ status {}", bareJid, wanted.status());
        session.get().setStatus(wanted.status(), wanted.message());
    }

    void loggedIn(OscarSession session) {
        if (!oscar.complete(session)) {
            session.close();
            return;
        }
        log.info("{} is online on ICQ as {}", bareJid, registration.uin());
        applyStatus();
    }

    void loginFailed(String reason) {
        oscar.completeExceptionally(new IllegalStateException(reason));
        notice("ICQ login failed: " + reason);
        resources.keySet().forEach(r -> xmpp.send(transportPresence(r, Presence.Type.unavailable)));
    }

    /**
     * Signs off from ICQ and tells every resource the transport is offline for them. The ICQ session cancels its
     * open transfers before it signs off, on its own event loop: the returned future completes once its connection
     * has closed (at once when it never logged in), so a caller that is about to stop the event loops can wait.
     */
    CompletableFuture<Void> logout() {
        loggedOut = true;
        oscar.completeExceptionally(new IllegalStateException("logged out"));
        CompletableFuture<Void> ended = oscar.isCompletedExceptionally() ? CompletableFuture.completedFuture(null)
                : oscar.join().closeFuture();
        oscar().ifPresent(OscarSession::close);
        contacts.allOffline();
        resources.keySet().forEach(r -> xmpp.send(transportPresence(r, Presence.Type.unavailable)));
        return ended;
    }

    /** The ICQ session once logged in. */
    public Optional<OscarSession> oscar() {
        return oscar.isDone() && !oscar.isCompletedExceptionally() ? Optional.of(oscar.join()) : Optional.empty();
    }

    /**
     * The full JID to send {@code jabber:iq:oob} offers to, if one of the user's resources advertises it.
     * Waits briefly for resources whose disco#info answer is still on its way.
     */
    public CompletableFuture<Optional<JID>> iqOobResource() {
        return resourceWith("jabber:iq:oob");
    }

    /**
     * A resource of the user whose disco#info lists {@code feature}, if any. Waits briefly for resources whose
     * answer is still on its way.
     */
    CompletableFuture<Optional<JID>> resourceWith(String feature) {
        List<CompletableFuture<Optional<JID>>> answers = new ArrayList<>();
        resources.forEach((jid, features) -> answers.add(features
                .completeOnTimeout(Set.of(), FEATURE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> Set.of())
                .thenApply(f -> f.contains(feature) ? Optional.of(jid) : Optional.<JID>empty())));
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> answers.stream()
                .map(CompletableFuture::join)
                .flatMap(Optional::stream)
                .findFirst());
    }

    /** A chat message to the user from an ICQ contact's JID. */
    public void sendFromContact(String uin, String body) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(jids.contactJid(uin));
        message.setTo(bareJid);
        message.setBody(body);
        xmpp.send(message);
    }

    @Override
    public void onMessage(String fromUin, String text) {
        sendFromContact(fromUin, text);
    }

    /** A message ICQ stored while the user was offline: a chat message with its XEP-0203 send time. */
    @Override
    public void onOfflineMessage(String fromUin, String text, Instant sent) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(jids.contactJid(fromUin));
        message.setTo(bareJid);
        message.setBody(text);
        message.addChildElement("delay", DELAY).addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(sent));
        xmpp.send(message);
    }

    /**
     * The ICQ contact list goes onto the user's roster. A client that advertises XEP-0144 gets it as one roster
     * item exchange (name = ICQ alias, group = ICQ group); its subscriptions to those JIDs are then answered and
     * returned (see {@link #subscribedByExchange}). Otherwise each contact asks for a subscription from
     * {@code UIN@transport} (XEP-0100), with the ICQ alias as XEP-0172 nick; servers ignore requests for contacts
     * already subscribed to.
     */
    @Override
    public void onContactList(List<Contact> list) {
        log.debug("{}: ICQ contact list with {} contacts", bareJid, list.size());
        for (Contact contact : list) {
            if (contact.nickname() != null) {
                nicknames.put(contact.uin(), contact.nickname());
            }
        }
        if (list.isEmpty()) {
            return;
        }
        resourceWith(RosterExchange.NAMESPACE).thenAccept(exchanging -> {
            if (exchanging.isPresent()) {
                list.forEach(contact -> exchanged.add(contact.uin()));
                xmpp.send(RosterExchange.of(list, jids, exchanging.get()));
            } else {
                list.forEach(this::askForSubscription);
            }
        });
    }

    private void askForSubscription(Contact contact) {
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(jids.contactJid(contact.uin()));
        subscribe.setTo(bareJid);
        if (contact.nickname() != null) {
            subscribe.addChildElement("nick", NICK).setText(contact.nickname());
        }
        xmpp.send(subscribe);
    }

    /**
     * Whether the user's subscription to {@code uin} follows this session's roster item exchange: such a contact
     * has not asked for the user's presence yet, so it should ask back once approved (XEP-0100). True once per UIN.
     */
    public boolean subscribedByExchange(String uin) {
        return exchanged.remove(uin);
    }

    @Override
    public void onAuthorizationRequest(String fromUin, String reason) {
        authorizations.requested(fromUin, reason);
    }

    @Override
    public void onAuthorizationReply(String fromUin, boolean granted, String reason) {
        log.debug("{}: {} {} authorization", bareJid, fromUin, granted ? "granted" : "denied");
        authorizations.answered(fromUin, granted);
    }

    /**
     * The user answered {@code uin}'s subscription request ({@code subscribed} = grant). Returns false if
     * {@code uin} had not asked for authorization.
     */
    public boolean answerAuthorization(String uin, boolean grant) {
        return authorizations.answer(uin, grant, oscar());
    }

    /** Answers the user's probe of one contact with its current presence. */
    public void probeContact(String uin, JID from) {
        contacts.current(uin, from);
    }

    @Override
    public void onFileOffer(IncomingFileOffer offer) {
        fileOffers.offer(this, offer);
    }

    @Override
    public void onFileOfferCancelled(IncomingFileOffer offer) {
        fileOffers.cancelledByContact(this, offer);
    }

    @Override
    public void onContactPresence(String uin, ContactStatus contactStatus, String statusMessage) {
        contacts.changed(uin, contactStatus, statusMessage);
    }

    @Override
    public void onTyping(String fromUin, TypingState state) {
        xmpp.send(ChatStates.notification(jids.contactJid(fromUin), bareJid, state));
    }

    @Override
    public void onClosed(String reason) {
        log.info("ICQ session of {} ended: {}", bareJid, reason);
        contacts.allOffline();
        fileOffers.sessionEnded(this);
        if (loggedOut) {
            return;
        }
        resources.keySet().forEach(r -> xmpp.send(transportPresence(r, Presence.Type.unavailable)));
        if (reason != null && reason.contains("another location")) {
            // the user signed on with another ICQ client: logging in again would sign that one off
            notice("ICQ signed you off: " + reason);
            return;
        }
        onLost.accept(this);
    }

    /** A chat message from the transport itself. */
    private void notice(String text) {
        Message notice = new Message();
        notice.setType(Message.Type.chat);
        notice.setFrom(jids.transportJid());
        notice.setTo(bareJid);
        notice.setBody(text);
        xmpp.send(notice);
    }

    /** Told when the ICQ connection ends without us ending it (server restart, network loss, kicked). */
    void onLost(java.util.function.Consumer<UserSession> listener) {
        this.onLost = listener;
    }

    /** A fresh session for the same user and resources, to log in again after the connection was lost. */
    UserSession successor() {
        UserSession next = successor(registration);
        next.authorizations.carryOver(authorizations);
        return next;
    }

    /** A fresh session for the same resources with other credentials (the user registered another UIN). */
    UserSession successor(Registration other) {
        UserSession next = new UserSession(other, xmpp, jids, fileOffers);
        presences.forEach(next::resourceAvailable);
        return next;
    }

    private CompletableFuture<Set<String>> discoverFeatures(JID fullJid) {
        IQ request = new IQ(IQ.Type.get);
        request.setFrom(jids.transportJid());
        request.setTo(fullJid);
        request.setChildElement("query", DISCO_INFO);
        return xmpp.query(request, DISCO_TIMEOUT).thenApply(UserSession::features);
    }

    private static Set<String> features(IQ answer) {
        Element query = answer.getChildElement();
        if (answer.getType() != IQ.Type.result || query == null) {
            return Set.of();
        }
        return query.elements("feature").stream()
                .map(f -> f.attributeValue("var"))
                .filter(v -> v != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Presence transportPresence(JID to, Presence.Type type) {
        Presence presence = new Presence(type);
        presence.setFrom(jids.transportJid());
        presence.setTo(to);
        return presence;
    }
}
