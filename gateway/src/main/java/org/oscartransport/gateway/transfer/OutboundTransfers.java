package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.oscartransport.gateway.admin.TransferLog;
import org.oscartransport.gateway.admin.TransferRecord;
import org.oscartransport.gateway.admin.TransferRecord.Outcome;
import org.oscartransport.gateway.component.Iqs;
import org.oscartransport.gateway.metrics.TransferMeter;
import org.oscartransport.gateway.metrics.TransferMetrics;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.http.fetch.FetchException;
import org.oscartransport.http.fetch.RemoteFile;
import org.oscartransport.http.fetch.UrlFetcher;
import org.oscartransport.http.naming.SafeFileName;
import org.oscartransport.oscar.icbm.IcbmErrorException;
import org.oscartransport.oscar.oft.OftTransferException;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.PacketError;

/**
 * Jabber → ICQ files: the user's URL is checked and probed (HEAD) for name and size, the contact gets a Send File
 * proposal, and once they accept, the GET body streams into the OFT connection.
 */
public final class OutboundTransfers {

    /** Why an outbound transfer did not complete, as the XMPP error the user gets. */
    public static final class TransferFailure extends Exception {
        private final String condition;
        private final String type;

        /** @param condition an RFC 6120 stanza error condition; @param type cancel, modify, auth or wait */
        TransferFailure(String condition, String type, String message, Throwable cause) {
            super(message, cause);
            this.condition = condition;
            this.type = type;
        }

        public String condition() {
            return condition;
        }

        public PacketError toPacketError() {
            return Iqs.packetError(condition, type, getMessage());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OutboundTransfers.class);

    private final UrlFetcher fetcher;
    private final TransferMetrics metrics;
    private final ActiveTransfers registry;

    private final TransferLimits limits;

    public OutboundTransfers(UrlFetcher fetcher, TransferMetrics metrics, ActiveTransfers registry,
            TransferLimits limits) {
        this.limits = limits;
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.registry = registry;
    }

    /**
     * Sends the file at {@code url} to {@code uin}. Completes with the file name once the contact has every byte;
     * fails with a {@link TransferFailure}.
     */
    public CompletableFuture<String> send(UserSession user, String uin, URI url, Optional<String> nameHint) {
        Optional<OscarSession> oscar = user.oscar();
        if (oscar.isEmpty()) {
            return CompletableFuture.failedFuture(new TransferFailure("recipient-unavailable", "wait",
                    "you are not logged in to ICQ", null));
        }
        // Sizes are checked by the fetch policy once probed; here only how many run at once.
        Optional<String> busy = limits.refusal(registry, user.bareJid().toBareJID(), 0);
        if (busy.isPresent()) {
            return CompletableFuture.failedFuture(new TransferFailure("resource-constraint", "wait", busy.get(), null));
        }
        long startedAt = System.nanoTime();
        String id = HexFormat.of().formatHex(randomId());
        AtomicReference<RemoteFile> probed = new AtomicReference<>();
        TransferMeter meter = metrics.started(TransferRecord.Direction.OUT);
        return fetcher.probe(url).thenCompose(remote -> {
            probed.set(remote);
            // A name from the client's SIMS/SFS metadata is as untrusted as the URL: made safe the same way.
            String name = nameHint.filter(n -> !n.isBlank()).map(n -> SafeFileName.of(n).value())
                    .orElse(remote.fileName());
            checkSendable(remote);
            log.info("offering {} ({} bytes) from {} to {}", name, remote.size(), user.bareJid(), uin);
            ActiveTransfers.Entry entry = registry.add(ActiveTransfers.Direction.OUT, user.bareJid().toBareJID(),
                    uin, name, remote.size());
            HttpToOftRelay relay = new HttpToOftRelay(fetcher, remote, meter, entry);
            entry.onCancel(relay::abort);
            return oscar.get().sendFile(uin, name, remote.size(), relay)
                    .whenComplete((v, failure) -> registry.ended(entry, failure == null))
                    .thenApply(v -> name);
        }).handle((name, failure) -> {
            RemoteFile remote = probed.get();
            String fileName = name != null ? name : nameHint.orElse(remote != null ? remote.fileName() : "");
            long size = remote != null ? remote.size() : -1;
            if (failure == null) {
                log.info("{} delivered {} to {}", user.bareJid(), name, uin);
                logFinished(id, uin, user, fileName, size, OptionalLong.of(size), startedAt, Outcome.COMPLETED, "");
                meter.finished(TransferRecord.Outcome.COMPLETED);
                return name;
            }
            TransferFailure mapped = map(failure);
            Outcome outcome = outcome(mapped, meter);
            if (outcome == Outcome.CANCELLED && mapped.getCause() instanceof TransferCancelledException cancelled
                    && cancelled.byPeer() && !cancelled.peerClientGaveUp()) {
                mapped = new TransferFailure("not-acceptable", "modify", "the ICQ contact cancelled the file", cancelled);
            }
            meter.finished(outcome);
            log.info("file from {} to {} failed: {}", user.bareJid(), uin, mapped.getMessage());
            logFinished(id, uin, user, fileName, size, OptionalLong.empty(), startedAt, outcome, mapped.getMessage());
            throw new CompletionException(mapped);
        });
    }

    /** The admin's one line about this transfer, on the transfers logger (no URL: it may hold a token). */
    private static void logFinished(String id, String uin, UserSession user, String fileName, long size,
            OptionalLong bytes, long startedAt, Outcome outcome, String reason) {
        TransferLog.finished(new TransferRecord(id, TransferRecord.Direction.OUT, uin, user.bareJid().toBareJID(),
                fileName, size, bytes, Duration.ofNanos(System.nanoTime() - startedAt), outcome, reason));
    }

    private static byte[] randomId() {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }

    /**
     * The contact saying no before any data is a decline; withdrawing once data flowed is a cancel, as is our
     * side cancelling (the session ended).
     */
    private static Outcome outcome(TransferFailure failure, TransferMeter meter) {
        if (failure.getCause() instanceof TransferCancelledException cancelled) {
            if (cancelled.peerClientGaveUp()) {
                return Outcome.FAILED;
            }
            return cancelled.byPeer() && !meter.wasDataRequested() ? Outcome.DECLINED : Outcome.CANCELLED;
        }
        if (causeOfType(failure.getCause(), CancelledByCommandException.class) != null) {
            return Outcome.CANCELLED;
        }
        return Outcome.FAILED;
    }

    private static void checkSendable(RemoteFile remote) {
        if (!remote.sizeKnown()) {
            throw new CompletionException(new TransferFailure("not-acceptable", "modify",
                    "the file's server did not say how large it is, and ICQ needs the size up front", null));
        }
        if (remote.size() == 0) {
            throw new CompletionException(new TransferFailure("not-acceptable", "modify",
                    "empty files cannot be sent over ICQ", null));
        }
    }

    static TransferFailure map(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TransferFailure known) {
            return known;
        }
        // A body that fails mid-stream reaches us wrapped by the OFT sender: it is still the URL's fault.
        FetchException fetch = fetchFailure(cause);
        if (fetch != null) {
            String reason = Failures.reason(fetch);
            return switch (fetch.reason()) {
                case NOT_FOUND -> new TransferFailure("item-not-found", "cancel", "the file's URL: " + reason, cause);
                case UNREACHABLE -> new TransferFailure("remote-server-not-found", "cancel", "the file's URL: " + reason, cause);
                case REFUSED -> new TransferFailure("policy-violation", "modify", "the file's URL: " + reason, cause);
                case TIMEOUT -> new TransferFailure("remote-server-timeout", "wait", "the file's URL: " + reason, cause);
                case FAILED -> new TransferFailure("undefined-condition", "cancel", "the file's URL: " + reason, cause);
            };
        }
        if (causeOfType(cause, CancelledByCommandException.class) != null) {
            return new TransferFailure("undefined-condition", "cancel", "cancelled with the transfers command", cause);
        }
        String reason = Failures.reason(cause);
        if (cause instanceof TransferCancelledException cancelled && cancelled.peerClientGaveUp()) {
            // the contact's client failed or timed out and said so with its CANCEL: not the contact's choice
            return new TransferFailure("undefined-condition", "cancel",
                    "the transfer to the ICQ contact broke off: " + reason, cause);
        }
        if (cause instanceof TransferCancelledException cancelled) {
            return cancelled.byPeer()
                    ? new TransferFailure("not-acceptable", "modify", "the ICQ contact declined the file", cause)
                    : new TransferFailure("undefined-condition", "cancel", "the transfer was cancelled: " + reason,
                            cause);
        }
        if (cause instanceof IcbmErrorException icbm && icbm.recipientOffline()) {
            return new TransferFailure("recipient-unavailable", "wait", "the ICQ contact is offline", cause);
        }
        if (cause instanceof TimeoutException) {
            return new TransferFailure("remote-server-timeout", "wait",
                    "the ICQ contact did not accept the file in time", cause);
        }
        if (cause instanceof OftTransferException) {
            // the contact hung up, went silent or broke the OFT exchange once the file was flowing
            return new TransferFailure("undefined-condition", "cancel",
                    "the transfer to the ICQ contact broke off: " + reason, cause);
        }
        return new TransferFailure("undefined-condition", "cancel", reason, cause);
    }

    private static FetchException fetchFailure(Throwable failure) {
        return causeOfType(failure, FetchException.class);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) return type.cast(cause);
        }
        return null;
    }
}
