package org.oscartransport.gateway.session;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.oscar.session.OscarSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * ICQ authorization as Jabber subscriptions (RFC 6121, XEP-0100) for one user: a contact's request becomes a
 * {@code subscribe} from {@code UIN@transport}, the user's {@code subscribed}/{@code unsubscribed} answer becomes a
 * grant or denial; a contact's answer to the user's request becomes {@code subscribed}/{@code unsubscribed}.
 * Requests still waiting for the user's answer outlive a lost ICQ connection ({@link #carryOver}), and a contact
 * asking again meanwhile (ICQ servers hand kept requests over at sign-on) does not ask the user twice.
 */
final class ContactAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(ContactAuthorizations.class);
    private static final String NICK = "http://jabber.org/protocol/nick";

    private final JID bareJid;
    private final XmppOut xmpp;
    private final ContactJids jids;
    /** The nickname the user gave a contact on the ICQ list, if any. */
    private final Function<String, String> nicknames;
    /** At most this many requests wait for the user's answer; the oldest are forgotten first. */
    static final int MAX_WAITING = 200;

    /** Contacts whose authorization request waits for the user's answer, oldest first. Guarded by itself. */
    private final Set<String> asking = new LinkedHashSet<>();

    ContactAuthorizations(JID bareJid, XmppOut xmpp, ContactJids jids, Function<String, String> nicknames) {
        this.bareJid = bareJid;
        this.xmpp = xmpp;
        this.jids = jids;
        this.nicknames = nicknames;
    }

    /** {@code uin} asks the user for authorization: a subscription request from its JID, with its reason. */
    void requested(String uin, String reason) {
        if (!startWaiting(uin)) {
            log.debug("{}: {} asked for authorization again; the user was asked already", bareJid, uin);
            return;
        }
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(jids.contactJid(uin));
        subscribe.setTo(bareJid);
        String nickname = nicknames.apply(uin);
        if (nickname != null) {
            subscribe.addChildElement("nick", NICK).setText(nickname);
        }
        if (reason != null && !reason.isBlank()) {
            subscribe.setStatus(reason);
        }
        xmpp.send(subscribe);
    }

    /** {@code uin} answered the user's request: the user's server learns the subscription was approved or not. */
    void answered(String uin, boolean granted) {
        Presence answer = new Presence(granted ? Presence.Type.subscribed : Presence.Type.unsubscribed);
        answer.setFrom(jids.contactJid(uin));
        answer.setTo(bareJid);
        xmpp.send(answer);
    }

    /**
     * The user approved ({@code subscribed}) or refused ({@code unsubscribed}) {@code uin}. If the contact asked
     * for authorization, tells ICQ; an approved contact is also put on the user's ICQ list, as ICQ clients offer.
     * Returns false when the contact had not asked (the answer was to something else, e.g. the contact list).
     */
    boolean answer(String uin, boolean grant, Optional<OscarSession> oscar) {
        if (oscar.isEmpty() || !stopWaiting(uin)) {
            return false;
        }
        log.debug("{} {} ICQ authorization to {}", bareJid, grant ? "grants" : "denies", uin);
        oscar.get().answerAuthorization(uin, grant, null).whenComplete((v, e) -> {
            if (e != null) {
                log.warn("{}: could not answer {}'s authorization request: {}", bareJid, uin, Failures.reason(e));
            }
        });
        if (grant) {
            oscar.get().addContact(uin, nicknames.apply(uin)).whenComplete((v, e) -> {
                if (e != null) {
                    log.warn("{}: could not add {} to the ICQ list: {}", bareJid, uin, Failures.reason(e));
                }
            });
        }
        return true;
    }

    /**
     * The requests {@code previous} (the same user's session before its ICQ connection was lost) still waits to have
     * answered: the user's later approval must still reach ICQ.
     */
    void carryOver(ContactAuthorizations previous) {
        List<String> waiting;
        synchronized (previous.asking) {
            waiting = List.copyOf(previous.asking);
        }
        waiting.forEach(this::startWaiting);
    }

    /** Returns false when {@code uin}'s request was waiting already. */
    private boolean startWaiting(String uin) {
        synchronized (asking) {
            if (!asking.add(uin)) {
                return false;
            }
            if (asking.size() > MAX_WAITING) {
                Iterator<String> oldest = asking.iterator();
                log.debug("{}: too many authorization requests unanswered; forgetting {}'s", bareJid, oldest.next());
                oldest.remove();
            }
            return true;
        }
    }

    private boolean stopWaiting(String uin) {
        synchronized (asking) {
            return asking.remove(uin);
        }
    }
}
