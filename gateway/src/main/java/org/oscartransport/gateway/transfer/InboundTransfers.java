package org.oscartransport.gateway.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.TransferMetrics;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.http.endpoint.FileDescriptor;
import org.oscartransport.http.endpoint.QuotaExceededException;
import org.oscartransport.http.endpoint.TransferEndpoints;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICQ → Jabber files: each offer from a contact gets its own HTTP endpoint, and the user gets the URL.
 * The rendezvous is accepted only when a client GETs the URL.
 */
public final class InboundTransfers implements UserSession.FileOffers {

    private static final Logger log = LoggerFactory.getLogger(InboundTransfers.class);

    private final TransferEndpoints endpoints;
    private final XmppOut xmpp;
    private final ContactJids jids;
    private final Duration expiry;
    private final TransferMetrics metrics;
    private final ActiveTransfers registry;
    private final UserSettingsCache settings;
    private final TransferLimits limits;
    private final Map<String, InboundTransfer> active = new ConcurrentHashMap<>();

    public InboundTransfers(TransferEndpoints endpoints, XmppOut xmpp, ContactJids jids, Duration expiry,
            TransferMetrics metrics, ActiveTransfers registry, UserSettingsCache settings, TransferLimits limits) {
        this.limits = limits;
        this.endpoints = endpoints;
        this.xmpp = xmpp;
        this.jids = jids;
        this.expiry = expiry;
        this.metrics = metrics;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public void offer(UserSession user, IncomingFileOffer offer) {
        if (!InboundDownload.servable(offer)) {
            refuse(user, offer, InboundDownload.TOO_LARGE_FOR_ZIP);
            return;
        }
        InboundDownload download = InboundDownload.of(offer, Instant.now());
        Optional<String> refusal = limits.refusal(registry, user.bareJid().toBareJID(), download.size());
        if (refusal.isPresent()) {
            refuse(user, offer, refusal.get());
            return;
        }
        String key = key(offer);
        ActiveTransfers.Entry entry = registry.add(ActiveTransfers.Direction.IN, user.bareJid().toBareJID(),
                offer.fromUin(), download.fileName(), download.size());
        InboundTransfer transfer = new InboundTransfer(user, offer, download, xmpp, jids, metrics,
                settings.get(user.bareJid().toBareJID()), entry, registry);
        active.put(key, transfer);
        FileDescriptor file = new FileDescriptor(download.fileName(), download.size());
        // the endpoint shares the session's loop with the OFT data connection: the relay then stays on one thread
        endpoints.open(file, transfer.relay(), expiry, user.bareJid().toBareJID(), offer.eventLoop())
                .whenComplete((endpoint, failure) -> {
            if (failure != null) {
                log.warn("no HTTP endpoint for a file from {}: {}", offer.fromUin(), Failures.reason(failure));
                active.remove(key, transfer);
                transfer.failedBeforeOffer(Failures.reason(failure), contactReason(failure));
                return;
            }
            endpoint.closeFuture().whenComplete((v, e) -> active.remove(key, transfer));
            transfer.offerTo(endpoint);
        });
    }

    @Override
    public void cancelledByContact(UserSession user, IncomingFileOffer offer) {
        InboundTransfer transfer = active.remove(key(offer));
        if (transfer != null) {
            transfer.cancelledByContact();
        }
    }

    @Override
    public void sessionEnded(UserSession user) {
        active.entrySet().removeIf(e -> {
            if (e.getValue().user() != user) {
                return false;
            }
            e.getValue().sessionEnded();
            return true;
        });
    }

    /** Both sides hear why: a CANCEL and an IM to the contact, a notice to the user. */
    private static void refuse(UserSession user, IncomingFileOffer offer, String reason) {
        log.info("refused {} ({} bytes) from {} to {}: {}", offer.fileName(), offer.size(), offer.fromUin(),
                user.bareJid(), reason);
        offer.cancel();
        user.oscar().ifPresent(oscar -> oscar.sendMessage(offer.fromUin(),
                "[File " + offer.fileName() + " not accepted: " + reason + "]"));
        user.sendFromContact(offer.fromUin(), "[File " + offer.fileName() + " ("
                + OfferStanzas.humanSize(offer.size()) + ") was refused: " + reason + "]");
    }

    /** What the contact is told when no endpoint opens: the spool's room, not the admin's ports and paths. */
    private static String contactReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof QuotaExceededException) return "there is no room for it on the recipient's side";
        }
        return "the recipient cannot take files right now";
    }

    private static String key(IncomingFileOffer offer) {
        return offer.fromUin() + "/" + HexFormat.of().formatHex(offer.cookie());
    }
}
