package org.oscartransport.gateway.transfer;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.oscartransport.gateway.admin.TransferLog;
import org.oscartransport.gateway.admin.TransferRecord;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.TransferMeter;
import org.oscartransport.gateway.metrics.TransferMetrics;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.store.UserSettings;
import org.oscartransport.http.endpoint.TransferEndpoint;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** One file from an ICQ contact to a Jabber user, from the offer to the end of the download. */
final class InboundTransfer implements OftToHttpRelay.Outcome {

    private static final Logger log = LoggerFactory.getLogger(InboundTransfer.class);
    /** An iq:oob offer is answered when the client has the file, which can take as long as the download. */
    private static final Duration IQ_OOB_ANSWER_TIMEOUT = Duration.ofHours(24);

    private final UserSession user;
    private final IncomingFileOffer offer;
    private final InboundDownload download;
    private final XmppOut xmpp;
    private final ContactJids jids;
    private final OftToHttpRelay relay;
    private final TransferMeter meter;
    private final UserSettings settings;
    private final ActiveTransfers.Entry entry;
    private final ActiveTransfers registry;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile TransferEndpoint endpoint;
    private volatile boolean declined;
    private final long offeredAt = System.nanoTime();
    private volatile long startedAt;

    /** @param settings the user's settings when the offer arrived */
    InboundTransfer(UserSession user, IncomingFileOffer offer, InboundDownload download, XmppOut xmpp,
            ContactJids jids, TransferMetrics metrics, UserSettings settings, ActiveTransfers.Entry entry,
            ActiveTransfers registry) {
        this.user = user;
        this.offer = offer;
        this.download = download;
        this.xmpp = xmpp;
        this.jids = jids;
        this.meter = metrics.started(TransferRecord.Direction.IN);
        this.settings = settings;
        this.entry = entry;
        this.registry = registry;
        this.relay = new OftToHttpRelay(offer, this, bytes -> {
            meter.bytes(bytes);
            entry.addBytes(bytes);
        }, download.framing());
        entry.onCancel(this::cancelledByTransport);
    }

    OftToHttpRelay relay() {
        return relay;
    }

    /**
     * Sends the URL to the user in the style they chose: by default iq:oob to a resource that advertises it, else
     * a message to the bare JID.
     */
    void offerTo(TransferEndpoint endpoint) {
        this.endpoint = endpoint;
        if (ended.get()) {
            endpoint.close(); // the session ended while the endpoint was being opened
            return;
        }
        JID from = jids.contactJid(offer.fromUin());
        UserSettings.OfferStyle style = settings.offerStyle();
        if (style == UserSettings.OfferStyle.TEXT) {
            xmpp.send(OfferStanzas.text(from, user.bareJid(), endpoint.url(), download.fileName(), download.size()));
            log.info("offered {} ({} bytes) from {} to {} as text", download.fileName(), download.size(), offer.fromUin(),
                    user.bareJid());
            return;
        }
        user.iqOobResource().thenAccept(advertised -> {
            var target = style == UserSettings.OfferStyle.AUTO ? advertised : Optional.<JID>empty();
            if (target.isPresent()) {
                offerByIq(from, target.get(), endpoint);
            } else {
                xmpp.send(OfferStanzas.message(from, user.bareJid(), endpoint.url(), download.fileName(), download.size()));
            }
            log.info("offered {} ({} bytes) from {} to {} as {}", download.fileName(), download.size(), offer.fromUin(),
                    user.bareJid(), target.isPresent() ? "iq:oob" : "message");
        });
    }

    /** Cancelled from an ad-hoc command: CANCEL to the contact, the download (if any) cut short. */
    private boolean cancelledByTransport() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        log.info("transfer of {} from {} to {} cancelled by command", download.fileName(), offer.fromUin(), user.bareJid());
        registry.ended(entry, false);
        relay.cancelBothSides();
        logFinished(TransferRecord.Outcome.CANCELLED, OptionalLong.of(entry.bytes()), "cancelled by command");
        Optional.ofNullable(endpoint).ifPresent(TransferEndpoint::close);
        notice("was cancelled");
        return true;
    }

    private void offerByIq(JID from, JID fullJid, TransferEndpoint endpoint) {
        IQ iq = OfferStanzas.iq(from, fullJid, endpoint.url(), download.fileName(), download.size());
        xmpp.query(iq, IQ_OOB_ANSWER_TIMEOUT).whenComplete((answer, failure) -> {
            if (failure == null && answer.getType() == IQ.Type.result) {
                log.debug("{} confirmed the download of {}", fullJid, download.fileName());
                return;
            }
            String why = answer != null && answer.getError() != null
                    ? answer.getError().getCondition().toXMPP() : "no answer";
            log.info("{} declined {} from {} ({})", fullJid, download.fileName(), offer.fromUin(), why);
            declined = true;
            relay.cancel("declined by the Jabber user");
            endpoint.close();
        });
    }

    /** No endpoint: the contact hears a CANCEL and {@code contactReason} in an IM, the user {@code reason}. */
    void failedBeforeOffer(String reason, String contactReason) {
        registry.ended(entry, false);
        if (ended.compareAndSet(false, true)) {
            logFinished(TransferRecord.Outcome.FAILED, OptionalLong.of(0), "could not be offered: " + reason);
        }
        offer.cancel();
        user.oscar().ifPresent(oscar -> oscar.sendMessage(offer.fromUin(),
                "[File " + offer.fileName() + " not accepted: " + contactReason + "]"));
        notice("could not be offered: " + reason);
    }

    UserSession user() {
        return user;
    }

    /**
     * The user's ICQ session ended (the session cancelled the rendezvous with the contact on the way out): the
     * URL goes, and the user hears why.
     */
    void sessionEnded() {
        registry.ended(entry, false);
        if (ended.compareAndSet(false, true)) {
            log.info("transfer of {} from {} to {} ended with the ICQ session", download.fileName(), offer.fromUin(),
                    user.bareJid());
            relay.cancelBothSides();
            logFinished(TransferRecord.Outcome.CANCELLED, OptionalLong.of(entry.bytes()), "the ICQ session ended");
            Optional.ofNullable(endpoint).ifPresent(TransferEndpoint::close);
            notice("was cancelled: your ICQ session ended");
        }
    }

    void cancelledByContact() {
        registry.ended(entry, false);
        if (ended.compareAndSet(false, true)) {
            relay.contactCancelled();
            logFinished(TransferRecord.Outcome.CANCELLED, OptionalLong.empty(), "cancelled by the sender");
            Optional.ofNullable(endpoint).ifPresent(TransferEndpoint::close);
            notice("was cancelled by the sender");
        }
    }

    @Override
    public void started() {
        startedAt = System.nanoTime();
        meter.dataRequested();
        entry.markStarted();
        log.info("download of {} from {} to {} started", download.fileName(), offer.fromUin(), user.bareJid());
    }

    @Override
    public void completed() {
        ended.set(true);
        registry.ended(entry, true);
        log.info("transfer of {} ({} bytes) from {} to {} completed", download.fileName(), download.size(),
                offer.fromUin(), user.bareJid());
        // OFT DONE: the receiver confirmed the announced size.
        logFinished(TransferRecord.Outcome.COMPLETED, OptionalLong.of(download.size()), "");
    }

    @Override
    public void failed(String reason) {
        registry.ended(entry, false);
        if (ended.compareAndSet(false, true)) {
            log.info("transfer of {} from {} to {} failed: {}", download.fileName(), offer.fromUin(), user.bareJid(), reason);
            logFinished(declined ? TransferRecord.Outcome.DECLINED : TransferRecord.Outcome.FAILED,
                    OptionalLong.empty(), reason);
            if (!declined) {
                notice("failed: " + reason);
            }
        }
    }

    /** The admin's one line about this transfer, on the transfers logger (no URL: it is a capability). */
    private void logFinished(TransferRecord.Outcome outcome, OptionalLong bytes, String reason) {
        meter.finished(outcome);
        long started = startedAt;
        long since = started != 0 ? started : offeredAt;
        TransferLog.finished(new TransferRecord(HexFormat.of().formatHex(offer.cookie()), TransferRecord.Direction.IN,
                offer.fromUin(), user.bareJid().toBareJID(), download.fileName(), download.size(), bytes,
                Duration.ofNanos(System.nanoTime() - since), outcome, reason));
    }

    private void notice(String what) {
        if (!settings.notices()) {
            return;
        }
        user.sendFromContact(offer.fromUin(), "[File " + download.fileName() + " " + what + "]");
    }
}
