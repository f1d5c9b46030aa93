package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.Iqs;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.session.UserSessions;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * The XMPP side of Jabber → ICQ files: a {@code jabber:iq:oob} set to {@code UIN@transport} is answered when the
 * contact has the file (or with the fitting error); a file shared in a chat message gets a chat notice instead.
 */
public final class OutboundOffers {

    public static final String IQ_OOB = "jabber:iq:oob";

    private final UserSessions sessions;
    private final ContactJids jids;
    private final OutboundTransfers transfers;

    public OutboundOffers(UserSessions sessions, ContactJids jids, OutboundTransfers transfers) {
        this.sessions = sessions;
        this.jids = jids;
        this.transfers = transfers;
    }

    public CompletableFuture<IQ> handleIq(IQ request) {
        Optional<String> uin = jids.uinOf(request.getTo());
        Optional<UserSession> user = Optional.ofNullable(request.getFrom())
                .flatMap(from -> sessions.session(from.toBareJID()));
        if (uin.isEmpty()) {
            return done(Iqs.error(request, PacketError.Condition.item_not_found, "not an ICQ contact"));
        }
        if (user.isEmpty() || user.get().oscar().isEmpty()) {
            return done(Iqs.error(request, PacketError.Condition.recipient_unavailable, "you are not logged in to ICQ"));
        }
        Element query = request.getChildElement();
        Optional<URI> url = httpUrl(query.elementTextTrim("url"));
        if (url.isEmpty()) {
            return done(Iqs.error(request, PacketError.Condition.bad_request, "an http or https URL is required"));
        }
        return transfers.send(user.get(), uin.get(), url.get(), Optional.empty())
                .handle((name, failure) -> failure == null ? IQ.createResultIQ(request) : error(request, failure));
    }

    /** A file shared in a chat message: any words go first as an IM, then the file; the outcome as a notice. */
    public void handleShared(UserSession user, String uin, SharedFile file) {
        if (!file.text().isEmpty()) {
            user.oscar().ifPresent(oscar -> oscar.sendMessage(uin, file.text()));
        }
        transfers.send(user, uin, file.url(), file.name()).whenComplete((name, failure) -> {
            if (failure == null) {
                user.sendFromContact(uin, "[File " + name + " delivered]");
            } else {
                user.sendFromContact(uin, "[File not delivered: " + OutboundTransfers.map(failure).getMessage() + "]");
            }
        });
    }

    private static IQ error(IQ request, Throwable failure) {
        OutboundTransfers.TransferFailure mapped = OutboundTransfers.map(failure);
        return Iqs.error(request, mapped.toPacketError());
    }

    private static Optional<URI> httpUrl(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static CompletableFuture<IQ> done(IQ answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
