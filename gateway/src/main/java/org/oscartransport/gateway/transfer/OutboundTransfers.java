package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.oscartransport.gateway.component.Iqs;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.util.Failures;
import org.oscartransport.http.fetch.FetchException;
import org.oscartransport.http.fetch.RemoteFile;
import org.oscartransport.http.fetch.UrlFetcher;
import org.oscartransport.oscar.icbm.IcbmErrorException;
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
    private final ActiveTransfers registry;

    public OutboundTransfers(UrlFetcher fetcher, ActiveTransfers registry) {
        this.fetcher = fetcher;
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
        return fetcher.probe(url).thenCompose(remote -> {
            String name = nameHint.filter(n -> !n.isBlank()).orElse(remote.fileName());
            checkSendable(remote);
            log.info("offering {} ({} bytes) from {} to {}", name, remote.size(), user.bareJid(), uin);
            ActiveTransfers.Entry entry = registry.add(ActiveTransfers.Direction.OUT, user.bareJid().toBareJID(),
                    uin, name, remote.size());
            HttpToOftRelay relay = new HttpToOftRelay(fetcher, remote, entry);
            entry.onCancel(relay::abort);
            return oscar.get().sendFile(uin, name, remote.size(), relay)
                    .whenComplete((v, failure) -> registry.ended(entry, failure == null))
                    .thenApply(v -> name);
        }).handle((name, failure) -> {
            if (failure == null) {
                log.info("{} delivered {} to {}", user.bareJid(), name, uin);
                return name;
            }
            TransferFailure mapped = map(failure);
            log.info("file from {} to {} failed: {}", user.bareJid(), uin, mapped.getMessage());
            throw new CompletionException(mapped);
        });
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
        String reason = Failures.reason(cause);
        if (cause instanceof FetchException fetch) {
            return switch (fetch.reason()) {
                case NOT_FOUND -> new TransferFailure("item-not-found", "cancel", "the file's URL: " + reason, cause);
                case UNREACHABLE -> new TransferFailure("remote-server-not-found", "cancel", "the file's URL: " + reason, cause);
                case REFUSED -> new TransferFailure("policy-violation", "modify", "the file's URL: " + reason, cause);
                case TIMEOUT -> new TransferFailure("remote-server-timeout", "wait", "the file's URL: " + reason, cause);
                case FAILED -> new TransferFailure("undefined-condition", "cancel", "the file's URL: " + reason, cause);
            };
        }
        if (cause instanceof TransferCancelledException) {
            return new TransferFailure("not-acceptable", "modify", "the ICQ contact declined the file", cause);
        }
        if (cause instanceof IcbmErrorException icbm && icbm.recipientOffline()) {
            return new TransferFailure("recipient-unavailable", "wait", "the ICQ contact is offline", cause);
        }
        if (cause instanceof TimeoutException) {
            return new TransferFailure("remote-server-timeout", "wait",
                    "the ICQ contact did not accept the file in time", cause);
        }
        return new TransferFailure("undefined-condition", "cancel", reason, cause);
    }
}
