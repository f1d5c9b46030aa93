package org.oscartransport.oscar.rendezvous;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oscartransport.oscar.icbm.IcbmCookies;
import org.oscartransport.oscar.oft.OftTransferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending one file (or stream). We prefer to be the listening side: listen on the BOS socket's local address,
 * propose, and let the peer connect (stage 1). The receiver drives any fallback (§6.8): to its reverse proposal
 * we connect, or, if we cannot, create a proxy session and propose it; to its proxy proposal we join. Lives on
 * the session's event loop, except the file checksum, which reads the whole file and runs elsewhere.
 */
final class OutboundOffer {

    private static final Logger log = LoggerFactory.getLogger(OutboundOffer.class);

    /** LINGERING: the data connection dropped and we wait briefly for the receiver's CANCEL. */
    private enum State { PREPARING, PROPOSED, CONNECTING, PROXY, TRANSFERRING, LINGERING, FINISHED }

    private final RendezvousService service;
    private final String toUin;
    private final OutgoingPayload payload;
    private final byte[] cookie = IcbmCookies.newCookie();
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final EventLoop loop;

    private State state = State.PREPARING;
    private OutgoingPayload.Facts facts;
    private int sequence;
    private Channel listener;
    private Promise<Channel> connecting;
    private ProxyAttempt proxy;
    private boolean proxyCreator;
    private Channel dataChannel;
    private ScheduledFuture<?> offerTimer;
    private ScheduledFuture<?> lingerTimer;

    OutboundOffer(RendezvousService service, String toUin, OutgoingPayload payload) {
        this.service = service;
        this.toUin = toUin;
        this.payload = payload;
        this.loop = service.loop();
    }

    String toUin() {
        return toUin;
    }

    byte[] cookie() {
        return cookie;
    }

    CompletableFuture<Void> start() {
        if (!(service.bos().localAddress() instanceof InetSocketAddress local
                && local.getAddress() instanceof Inet4Address localIp)) {
            finish(new IllegalStateException("File offers need an IPv4 BOS connection"));
            return result;
        }
        payload.facts(service.blockingWork())
                .whenCompleteAsync((known, e) -> {
                    if (state != State.PREPARING) {
                        return;
                    }
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        finish(new IOException("Cannot read " + payload.name() + ": " + cause.getMessage(), cause));
                    } else if (known.size() == 0 && !payload.mayBeEmpty()) {
                        finish(new IllegalArgumentException("Empty files cannot be offered (peers ignore them)"));
                    } else if (known.size() > 0xFFFFFFFFL) {
                        finish(new IllegalArgumentException("Files of 4 GiB or more cannot be sent over OFT2"));
                    } else {
                        facts = known;
                        listen(localIp);
                    }
                }, loop);
        return result;
    }

    private FileServiceData serviceData() {
        int count = payload.fileCount();
        return new FileServiceData(count == 1 ? FileServiceData.KIND_SINGLE : FileServiceData.KIND_FOLDER, count,
                facts.size(), payload.name());
    }

    /** Stage 1: we listen, the receiver connects. */
    private void listen(InetAddress localIp) {
        ChannelFuture bind = PeerListener.bind(loop, service.transport(), localIp, this::onPeerConnected);
        listener = bind.channel();
        bind.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                finish(new IOException("Cannot listen for the file peer: " + f.cause().getMessage(), f.cause()));
            } else if (state == State.PREPARING) {
                propose(localIp, PeerListener.port(f.channel()));
            } else {
                f.channel().close();
            }
        });
    }

    private void propose(InetAddress localIp, int port) {
        state = State.PROPOSED;
        sequence = 1;
        RendezvousBlock block = Proposals.connectToMe(cookie, localIp, port, sequence, serviceData());
        log.info("{}: offering {} ({} bytes) to {}", service.ownUin(), payload.name(), facts.size(), toUin);
        service.sendTracked(toUin, cookie, block).whenComplete((v, e) -> {
            if (e != null) {
                loop.execute(() -> finish(e));
            }
        });
        long timeout = service.config().offerTimeout().toMillis();
        offerTimer = loop.schedule(() -> {
            if (state != State.TRANSFERRING && state != State.FINISHED) {
                service.sendCancel(toUin, cookie, CancelReason.TIMEOUT);
                finish(new TimeoutException(toUin + " did not take the file within " + service.config().offerTimeout()));
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    private void onPeerConnected(Channel ch) {
        if (state != State.PROPOSED) {
            ch.close();
            return;
        }
        // Our first PROMPT goes out as soon as the receiver is connected, like libpurple's (§6.8).
        startSending(ch);
    }

    /** A later proposal from the receiver: it could not reach us and tries the next stage. */
    void onProposal(RendezvousBlock block) {
        if (state != State.PROPOSED && state != State.CONNECTING && state != State.PROXY) {
            return;
        }
        ProposalAddresses next = ProposalAddresses.of(block);
        sequence = Math.max(sequence, next.sequence());
        if (next.viaProxy() && state == State.PROXY && proxyCreator) {
            // both sides created a session at once: the receiver joins ours (it yields to ours), so keep it
            log.info("{}: {} proposed its own proxy session; keeping ours", service.ownUin(), toUin);
            return;
        }
        abandonAttempt();
        if (next.viaProxy()) {
            joinProxy(next);
        } else if (next.direct()) {
            connectToReceiver(next);
        } else {
            // no verified address: like libpurple, skip the connect and go to the proxy (§12.4)
            createProxy();
        }
    }

    /** Stage 2 from our side: the receiver listens; connect to its verified (and own) address. */
    private void connectToReceiver(ProposalAddresses at) {
        List<InetSocketAddress> candidates = new ArrayList<>();
        for (InetAddress ip : at.clientIp() == null || at.clientIp().equals(at.verifiedIp())
                ? List.of(at.verifiedIp()) : List.of(at.verifiedIp(), at.clientIp())) {
            String refusal = service.policy().refusal(ip);
            if (refusal == null) {
                candidates.add(new InetSocketAddress(ip, at.port()));
            } else {
                log.info("{}: not connecting to {}'s {}: {}", service.ownUin(), toUin, ip.getHostAddress(), refusal);
            }
        }
        if (candidates.isEmpty()) {
            createProxy();
            return;
        }
        state = State.CONNECTING;
        Promise<Channel> attempt = DirectConnector.connect(loop, service.transport(), loop, candidates,
                InboundOffer.CONNECT_TIMEOUT);
        connecting = attempt;
        attempt.addListener(f -> {
            if (connecting != attempt || state != State.CONNECTING) {
                if (f.isSuccess()) {
                    attempt.getNow().close();
                }
                return;
            }
            connecting = null;
            if (f.isSuccess()) {
                service.sendAccept(toUin, cookie); // we opened the connection, so we say so (§6.5)
                startSending(attempt.getNow());
            } else {
                log.info("{}: cannot reach {} at {} ({}); creating a proxy session", service.ownUin(), toUin,
                        candidates, f.cause().getMessage());
                createProxy();
            }
        });
    }

    /** Stage 3, creating: our proxy session, then a proposal with the pin (service data again, §12.4). */
    private void createProxy() {
        state = State.PROXY;
        proxyCreator = true;
        proxy = ProxyAttempt.create(service, cookie, proxyEvents(false));
    }

    /** Stage 3, joining the receiver's proxy session. */
    private void joinProxy(ProposalAddresses at) {
        InetAddress proxyIp = at.rendezvousIp();
        String refusal = proxyIp == null ? "no proxy address" : service.policy().refusal(proxyIp);
        if (refusal != null) {
            failAndCancel(new SecurityException("Refusing to join " + toUin + "'s proxy: " + refusal));
            return;
        }
        state = State.PROXY;
        proxyCreator = false;
        proxy = ProxyAttempt.join(service, proxyIp, at.pin(), cookie, proxyEvents(true));
    }

    private ProxyAttempt.Events proxyEvents(boolean joiner) {
        return new ProxyAttempt.Events() {
            @Override
            public void onCreated(int pin, byte[] proxyIp) {
                sequence++;
                service.sendRendezvous(toUin, cookie,
                        Proposals.joinMeAtProxy(cookie, proxyIp, pin, sequence, serviceData()), true);
            }

            @Override
            public void onReady(Channel channel) {
                if (joiner) {
                    service.sendAccept(toUin, cookie); // the joiner always sends ACCEPT (§12.4)
                }
                startSending(channel);
            }

            @Override
            public void onFailure(Throwable cause) {
                failAndCancel(new IOException("Rendezvous proxy failed: " + cause.getMessage(), cause));
            }
        };
    }

    /** Closes the current connection attempt (not the stage-1 listener: the receiver may still come). */
    private void abandonAttempt() {
        if (connecting != null) {
            connecting.cancel(false);
            connecting = null;
        }
        if (proxy != null) {
            proxy.abandon();
            proxy = null;
        }
    }

    private void startSending(Channel ch) {
        abandonAttempt();
        state = State.TRANSFERRING;
        dataChannel = ch;
        offerTimer.cancel(false);
        listener.close(); // one peer, one connection
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((v, e) -> loop.execute(() -> sendingEnded(e)));
        ch.pipeline().addLast("oftSend", payload.sender(cookie, facts, done));
        ch.config().setAutoRead(true);
    }

    /**
     * The OFT handler is done. A failure of ours (the source, a protocol error, idle) gets a CANCEL to the
     * receiver; a dropped connection first waits briefly for the receiver's CANCEL, which travels through the
     * server and so usually lands after the close (§6.5).
     */
    private void sendingEnded(Throwable failure) {
        if (state != State.TRANSFERRING) {
            return;
        }
        if (failure == null) {
            finish(null);
        } else if (OftTransferException.isConnectionLost(failure)) {
            state = State.LINGERING;
            lingerTimer = loop.schedule(() -> {
                if (state == State.LINGERING) {
                    failAndCancel(failure);
                }
            }, RendezvousService.PEER_CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            failAndCancel(failure);
        }
    }

    /** Our side gives up: CANCEL to the receiver; the returned future completes once it is written. */
    Future<?> cancelLocally(String why) {
        return cancelLocally(why, CancelReason.USER);
    }

    Future<?> cancelLocally(String why, CancelReason reason) {
        if (state == State.FINISHED) {
            return loop.newSucceededFuture(null);
        }
        Future<?> written = state == State.PREPARING ? loop.newSucceededFuture(null)
                : service.sendCancel(toUin, cookie, reason);
        finish(new TransferCancelledException(why, false, reason));
        return written;
    }

    void onPeerCancelled(String how, CancelReason reason) {
        if (state != State.FINISHED) {
            finish(new TransferCancelledException(toUin + " " + how, true, reason));
        }
    }

    void onSessionClosed(Throwable cause) {
        if (state != State.FINISHED) {
            finish(cause);
        }
    }

    /** The CANCEL goes out before the data connection closes, so the receiver learns why, not just that. */
    private void failAndCancel(Throwable cause) {
        if (state != State.FINISHED) {
            service.sendCancel(toUin, cookie, CancelReason.UNKNOWN);
            finish(cause);
        }
    }

    private void finish(Throwable failure) {
        boolean handedOver = state == State.TRANSFERRING || state == State.LINGERING;
        state = State.FINISHED;
        service.forget(this);
        abandonAttempt();
        if (offerTimer != null) {
            offerTimer.cancel(false);
        }
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
        }
        if (listener != null) {
            listener.close();
        }
        if (failure != null) {
            if (dataChannel != null) {
                dataChannel.close();
            }
            if (!handedOver) {
                payload.abandon(failure); // once the sender handler runs, it tells the payload itself
            }
            log.info("{}: sending {} to {} failed: {}", service.ownUin(), payload.name(), toUin, failure.toString());
            result.completeExceptionally(failure);
        } else {
            log.info("{}: sent {} to {}", service.ownUin(), payload.name(), toUin);
            result.complete(null);
        }
    }
}
