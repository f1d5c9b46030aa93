package org.oscartransport.oscar.rendezvous;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.IcbmCookies;
import org.oscartransport.oscar.icbm.IcbmService;
import org.oscartransport.oscar.icbm.IncomingIcbm;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.icbm.RendezvousListener;
import org.oscartransport.oscar.oft.OftDataSource;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File rendezvous of one session: inbound offers and outbound sends, keyed by peer and cookie. Runs on the
 * session's event loop.
 */
public final class RendezvousService implements RendezvousListener {

    private static final Logger log = LoggerFactory.getLogger(RendezvousService.class);
    static final int MAX_OPEN_INBOUND_OFFERS = 32;
    /**
     * How long a transfer whose data connection dropped waits for the peer's CANCEL, which travels through the
     * server and so usually lands after the close, before it ends as a connection loss.
     */
    static final Duration PEER_CANCEL_GRACE = Duration.ofSeconds(2);

    private final String ownUin;
    private final Channel bos;
    private final Supplier<IcbmService> icbm;
    private final OscarSessionListener listener;
    private final OscarClientConfig config;
    private final SocketTransport transport;
    private final Executor blockingWork;
    private final PeerAddressPolicy policy;
    private final Map<String, InboundOffer> inbound = new HashMap<>();
    private final Map<String, OutboundOffer> outbound = new HashMap<>();

    public RendezvousService(String ownUin, Channel bos, Supplier<IcbmService> icbm, OscarSessionListener listener,
            OscarClientConfig config, SocketTransport transport, Executor blockingWork) {
        this.ownUin = ownUin;
        this.bos = bos;
        this.icbm = icbm;
        this.listener = listener;
        this.config = config;
        this.transport = transport;
        this.blockingWork = blockingWork;
        this.policy = new PeerAddressPolicy(config.allowPrivatePeerAddresses());
    }

    @Override
    public void onRendezvous(IncomingIcbm message) {
        byte[] value = message.tlvs().bytes(Icbm.TLV_RENDEZVOUS);
        if (value == null) {
            return;
        }
        RendezvousBlock block;
        try {
            block = RendezvousBlock.read(value);
        } catch (MalformedDataException e) {
            log.debug("{}: malformed rendezvous block from {}: {}", ownUin, message.sender().screenName(),
                    e.getMessage());
            return;
        }
        if (!Arrays.equals(block.cookie(), message.cookie()) || !block.isSendFile()) {
            return; // libpurple drops mismatched cookies too (§6.1); other services are not ours
        }
        String from = message.sender().screenName();
        String key = key(from, block.cookie());
        switch (block.type()) {
            case RendezvousBlock.PROPOSE -> onPropose(from, key, block);
            case RendezvousBlock.CANCEL -> onPeerGaveUp(key, block.cancelReason());
            case RendezvousBlock.ACCEPT -> log.debug("{}: {} accepted transfer {}", ownUin, from, key);
            default -> log.debug("{}: ignoring rendezvous type {} from {}", ownUin, block.type(), from);
        }
    }

    private void onPropose(String from, String key, RendezvousBlock block) {
        // a later proposal for a transfer we know: the peer moves on to another connection stage (§6.8)
        OutboundOffer sending = outbound.get(key);
        if (sending != null) {
            sending.onProposal(block);
            return;
        }
        InboundOffer receiving = inbound.get(key);
        if (receiving != null) {
            receiving.onProposal(block);
            return;
        }
        if (inbound.size() >= MAX_OPEN_INBOUND_OFFERS) {
            // offers nobody answers stay until cancelled; a flood of them must not grow without bound
            // and the sender hears so at once rather than waiting for its own offer timeout
            log.warn("{}: refusing file proposal from {}: {} offers are already open", ownUin, from, inbound.size());
            sendCancel(from, block.cookie(), CancelReason.UNKNOWN);
            return;
        }
        InboundOffer offer = InboundOffer.fromProposal(this, bos.eventLoop(), from, block);
        if (offer == null) {
            log.debug("{}: ignoring file proposal from {} without service data", ownUin, from);
            return;
        }
        inbound.put(key, offer);
        log.info("{}: file offer {}", ownUin, offer);
        listener.onFileOffer(offer);
    }

    @Override
    public void onClientError(byte[] cookie, int channel, String from, int code) {
        if (channel == Icbm.CHANNEL_RENDEZVOUS) {
            onPeerGaveUp(key(from, cookie), String.format("declined the transfer (client error 0x%04X)", code),
                    CancelReason.USER);
        }
    }

    private void onPeerGaveUp(String key, CancelReason reason) {
        String how = switch (reason) {
            case USER, ACCEPTED_ELSEWHERE -> "cancelled the transfer";
            case TIMEOUT -> "gave up on the transfer (timeout)";
            case UNKNOWN -> "gave up on the transfer";
        };
        onPeerGaveUp(key, how, reason);
    }

    private void onPeerGaveUp(String key, String how, CancelReason reason) {
        InboundOffer offer = inbound.get(key);
        if (offer != null) {
            offer.onPeerCancelled(how, reason);
        }
        OutboundOffer out = outbound.get(key);
        if (out != null) {
            out.onPeerCancelled(how, reason);
        }
    }

    public CompletableFuture<Void> sendFile(String toUin, Path file) {
        return send(toUin, new OutgoingPayload.LocalFile(file));
    }

    public CompletableFuture<Void> sendFile(String toUin, String fileName, long size, OftDataSource source) {
        return send(toUin, new OutgoingPayload.Stream(fileName, size, source));
    }

    /** @param files the OFT name of each file (0x01 separates folders) and where its bytes are */
    public CompletableFuture<Void> sendFiles(String toUin, String folderName, Map<String, Path> files) {
        return send(toUin, new OutgoingPayload.LocalFiles(folderName, files.entrySet().stream()
                .map(e -> new OutgoingPayload.LocalFiles.Named(e.getKey(), e.getValue())).toList()));
    }

    private CompletableFuture<Void> send(String toUin, OutgoingPayload payload) {
        OutboundOffer offer = new OutboundOffer(this, toUin, payload);
        outbound.put(key(toUin, offer.cookie()), offer);
        return offer.start();
    }

    /**
     * We are signing off: every open transfer is cancelled while the connection can still carry the CANCELs.
     * Completes once they are written (or cannot be); the caller bounds the wait.
     */
    public CompletableFuture<Void> cancelAll(String why) {
        List<Future<?>> written = new ArrayList<>();
        new ArrayList<>(inbound.values()).forEach(o -> written.add(o.cancelLocally(why, CancelReason.UNKNOWN)));
        new ArrayList<>(outbound.values()).forEach(o -> written.add(o.cancelLocally(why, CancelReason.UNKNOWN)));
        CompletableFuture<Void> all = new CompletableFuture<>();
        if (written.isEmpty()) {
            all.complete(null);
            return all;
        }
        log.info("{}: cancelling {} open file transfers: {}", ownUin, written.size(), why);
        AtomicInteger pending = new AtomicInteger(written.size());
        written.forEach(f -> f.addListener(done -> {
            if (pending.decrementAndGet() == 0) {
                all.complete(null);
            }
        }));
        return all;
    }

    public void shutdown(Throwable cause) {
        new ArrayList<>(inbound.values()).forEach(o -> o.onSessionClosed(cause));
        new ArrayList<>(outbound.values()).forEach(o -> o.onSessionClosed(cause));
        inbound.clear();
        outbound.clear();
    }

    void forget(InboundOffer offer) {
        inbound.remove(key(offer.fromUin(), offer.cookieRef()), offer);
    }

    void forget(OutboundOffer offer) {
        outbound.remove(key(offer.toUin(), offer.cookie()), offer);
    }

    void sendAccept(String peer, byte[] cookie) {
        sendRendezvous(peer, cookie, RendezvousBlock.accept(cookie, Capabilities.SEND_FILE), false);
    }

    /** The returned future completes once the CANCEL is written, or at once when it cannot be. */
    Future<?> sendCancel(String peer, byte[] cookie, CancelReason reason) {
        if (!bos.isActive()) {
            return bos.eventLoop().newSucceededFuture(null);
        }
        return sendRendezvous(peer, cookie, RendezvousBlock.cancel(cookie, Capabilities.SEND_FILE, reason), true);
    }

    Future<?> sendRendezvous(String peer, byte[] cookie, RendezvousBlock block, boolean requestHostAck) {
        return icbm.get().sendUntracked(icbmFor(peer, cookie, block, requestHostAck));
    }

    CompletableFuture<Void> sendTracked(String peer, byte[] cookie, RendezvousBlock block) {
        return icbm.get().send(icbmFor(peer, cookie, block, true));
    }

    private static OutgoingIcbm icbmFor(String peer, byte[] cookie, RendezvousBlock block, boolean hostAck) {
        Tlv rendezvous = new Tlv(Icbm.TLV_RENDEZVOUS, block.toBytes());
        TlvChain tlvs = hostAck ? TlvChain.of(Tlv.empty(Icbm.TLV_REQUEST_HOST_ACK), rendezvous)
                : TlvChain.of(rendezvous);
        return new OutgoingIcbm(cookie, Icbm.CHANNEL_RENDEZVOUS, peer, tlvs);
    }

    static String key(String uin, byte[] cookie) {
        return uin.replace(" ", "").toLowerCase(Locale.ROOT) + "/" + IcbmCookies.key(cookie);
    }

    Channel bos() {
        return bos;
    }

    EventLoop loop() {
        return bos.eventLoop();
    }

    PeerAddressPolicy policy() {
        return policy;
    }

    OscarSessionListener listener() {
        return listener;
    }

    OscarClientConfig config() {
        return config;
    }

    SocketTransport transport() {
        return transport;
    }

    Executor blockingWork() {
        return blockingWork;
    }

    String ownUin() {
        return ownUin;
    }
}
