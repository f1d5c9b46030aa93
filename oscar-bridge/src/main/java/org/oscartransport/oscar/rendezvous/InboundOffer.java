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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.oft.OftReceiveHandler;
import org.oscartransport.oscar.oft.OftTransferException;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Send File proposal we received, and once accepted, the connection stages of oscar.md §6.8 as the receiver:
 * (1) connect to the sender's verified address; (2) if that fails or there is none, listen and ask the sender to
 * connect to us ("reverse"); (3) if nobody comes within the stage timeout, create a proxy session and ask the
 * sender to join it. A proxy proposal from the sender (first or later) is joined instead. State lives on the
 * session's event loop.
 */
final class InboundOffer implements IncomingFileOffer {

    private static final Logger log = LoggerFactory.getLogger(InboundOffer.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** LINGERING: the data connection dropped and we wait briefly for the sender's CANCEL (see awaitPeerCancel). */
    private enum State { OFFERED, DIRECT, REVERSE, PROXY, TRANSFERRING, LINGERING, FINISHED }

    private final RendezvousService service;
    private final EventLoop loop;
    private final String fromUin;
    private final byte[] cookie;
    private final FileServiceData file;
    private final long size;
    /** The sender's verified IP from the first proposal that had one: the only address we trust as its own. */
    private InetAddress senderVerifiedIp;
    private ProposalAddresses proposal;
    private int sequence;

    private State state = State.OFFERED;
    private OnceSink sink;
    private Promise<Channel> connecting;
    private Channel listener;
    private ProxyAttempt proxy;
    private ScheduledFuture<?> stageTimer;
    private Channel dataChannel;

    private InboundOffer(RendezvousService service, EventLoop loop, String fromUin, byte[] cookie,
            FileServiceData file, long size, ProposalAddresses proposal) {
        this.service = service;
        this.loop = loop;
        this.fromUin = fromUin;
        this.cookie = cookie;
        this.file = file;
        this.size = size;
        this.proposal = proposal;
        this.sequence = proposal.sequence();
        this.senderVerifiedIp = proposal.viaProxy() ? null : proposal.verifiedIp();
    }

    /** Null when the proposal lacks what a file offer needs (libpurple ignores those too, §6.3). */
    static InboundOffer fromProposal(RendezvousService service, EventLoop loop, String fromUin,
            RendezvousBlock block) {
        TlvChain tlvs = block.tlvs();
        byte[] serviceData = tlvs.bytes(RendezvousTlvs.SERVICE_DATA);
        if (serviceData == null) {
            return null;
        }
        String charset = tlvs.has(RendezvousTlvs.SERVICE_DATA_CHARSET)
                ? tlvs.ascii(RendezvousTlvs.SERVICE_DATA_CHARSET) : null;
        FileServiceData file = FileServiceData.parse(serviceData, charset);
        long size64 = tlvs.first(RendezvousTlvs.TOTAL_SIZE_64) == null ? -1
                : tlvs.first(RendezvousTlvs.TOTAL_SIZE_64).asU64();
        long size = size64 >= 0 ? size64 : file.totalSize32();
        return new InboundOffer(service, loop, fromUin, block.cookie().clone(), file, size,
                ProposalAddresses.of(block));
    }

    @Override
    public String fromUin() {
        return fromUin;
    }

    @Override
    public byte[] cookie() {
        return cookie.clone();
    }

    byte[] cookieRef() {
        return cookie;
    }

    @Override
    public String fileName() {
        return file.name();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int fileCount() {
        return file.fileCount();
    }

    @Override
    public boolean isFolder() {
        return file.kind() == FileServiceData.KIND_FOLDER;
    }

    @Override
    public InetSocketAddress directAddress() {
        // with the proxy flag, 0x0005 is a proxy pin, not a port (§6.2)
        return proposal.direct() ? new InetSocketAddress(proposal.verifiedIp(), proposal.port()) : null;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void accept(OftDataSink sink) {
        Objects.requireNonNull(sink, "sink");
        loop.execute(() -> doAccept(new OnceSink(sink, this::onSinkCompleted, this::onTransferFailed)));
    }

    private void doAccept(OnceSink newSink) {
        if (state != State.OFFERED) {
            newSink.fail(new IllegalStateException("File offer " + this + " was already " + state));
            return;
        }
        sink = newSink;
        if (proposal.viaProxy()) {
            joinProxy(proposal);
        } else if (proposal.direct()) {
            connectDirect();
        } else {
            listenForSender();
        }
    }

    /** Stage 1: connect to the verified IP and, in parallel, the proposer's own IP if different. */
    private void connectDirect() {
        List<InetSocketAddress> candidates = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        addCandidate(candidates, refusals, proposal.verifiedIp());
        if (proposal.clientIp() != null && !proposal.clientIp().equals(proposal.verifiedIp())) {
            addCandidate(candidates, refusals, proposal.clientIp());
        }
        if (candidates.isEmpty()) {
            failAndCancel(new SecurityException("Refusing to connect to " + fromUin + "'s file peer: "
                    + String.join("; ", refusals)));
            return;
        }
        state = State.DIRECT;
        log.debug("Connecting to {} for file offer {}", candidates, this);
        // the data connection shares the session's loop, so the sink callbacks and this state need no locks
        Promise<Channel> attempt = DirectConnector.connect(loop, service.transport(), loop, candidates,
                CONNECT_TIMEOUT);
        connecting = attempt;
        attempt.addListener(f -> {
            if (connecting != attempt || state != State.DIRECT) {
                if (f.isSuccess()) {
                    attempt.getNow().close();
                }
                return;
            }
            connecting = null;
            if (f.isSuccess()) {
                onConnected(attempt.getNow(), true);
            } else {
                log.info("{}: no direct connection to {} at {} ({}); asking it to connect to us",
                        service.ownUin(), fromUin, candidates, f.cause().getMessage());
                listenForSender();
            }
        });
    }

    private void addCandidate(List<InetSocketAddress> candidates, List<String> refusals, InetAddress ip) {
        String refusal = service.policy().refusal(ip);
        if (refusal == null) {
            candidates.add(new InetSocketAddress(ip, proposal.port()));
        } else {
            refusals.add(refusal);
        }
    }

    /** Stage 2: listen on the BOS socket's local address and propose "connect to me" (no service data). */
    private void listenForSender() {
        if (!(service.bos().localAddress() instanceof InetSocketAddress local
                && local.getAddress() instanceof Inet4Address ip)) {
            createProxy();
            return;
        }
        state = State.REVERSE;
        ChannelFuture bind = PeerListener.bind(loop, service.transport(), ip, this::onSenderConnected);
        listener = bind.channel();
        bind.addListener((ChannelFuture f) -> {
            if (state != State.REVERSE || listener != f.channel()) {
                return;
            }
            if (!f.isSuccess()) {
                log.info("{}: cannot listen for {}: {}", service.ownUin(), fromUin, f.cause().getMessage());
                createProxy();
                return;
            }
            sequence++;
            service.sendRendezvous(fromUin, cookie,
                    Proposals.connectToMe(cookie, ip, PeerListener.port(listener), sequence, null), true);
            startStageTimer(() -> {
                log.info("{}: {} did not connect within {}; trying the proxy", service.ownUin(), fromUin,
                        service.config().stageTimeout());
                createProxy();
            });
        });
    }

    private void onSenderConnected(Channel ch) {
        if (state != State.REVERSE) {
            ch.close();
            return;
        }
        InetAddress remote = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        String refusal = senderRefusal(remote);
        if (refusal != null) {
            log.info("{}: refusing a connection for {}'s file: {}", service.ownUin(), fromUin, refusal);
            ch.close();
            return; // keep listening: the real sender may still come
        }
        onConnected(ch, false); // the sender connected, so it sends ACCEPT (§6.5)
    }

    /**
     * Null if {@code remote} may be the sender: its verified IP; or, as in stage 1, its own IP (0x0003) if the policy
     * allows that address; with no verified IP known, whatever the policy allows.
     */
    private String senderRefusal(InetAddress remote) {
        if (senderVerifiedIp == null) {
            return service.policy().refusal(remote);
        }
        if (remote.equals(senderVerifiedIp)) {
            return null;
        }
        if (remote.equals(proposal.clientIp())) {
            return service.policy().refusal(remote);
        }
        return remote.getHostAddress() + " is not the sender's verified address";
    }

    /** Stage 3, creating: our proxy session, then "join me at the proxy". */
    private void createProxy() {
        closeStage();
        state = State.PROXY;
        proxy = ProxyAttempt.create(service, cookie, proxyEvents(false));
        startStageTimer(() -> failAndCancel(new IOException(fromUin + " did not join the proxy session within "
                + service.config().stageTimeout())));
    }

    /** Stage 3, joining: the sender's proxy session. */
    private void joinProxy(ProposalAddresses at) {
        closeStage();
        InetAddress proxyIp = at.rendezvousIp();
        if (proxyIp == null) {
            failAndCancel(new IOException(fromUin + " proposed a proxy session without the proxy's address"));
            return;
        }
        String refusal = service.policy().refusal(proxyIp);
        if (refusal != null) {
            failAndCancel(new SecurityException("Refusing to join " + fromUin + "'s proxy: " + refusal));
            return;
        }
        state = State.PROXY;
        proxy = ProxyAttempt.join(service, proxyIp, at.pin(), cookie, proxyEvents(true));
        startStageTimer(() -> failAndCancel(new IOException("No READY from the rendezvous proxy at " + proxyIp
                + " within " + service.config().stageTimeout())));
    }

    private ProxyAttempt.Events proxyEvents(boolean joiner) {
        return new ProxyAttempt.Events() {
            @Override
            public void onCreated(int pin, byte[] proxyIp) {
                sequence++;
                service.sendRendezvous(fromUin, cookie, Proposals.joinMeAtProxy(cookie, proxyIp, pin, sequence, null),
                        true);
            }

            @Override
            public void onReady(Channel channel) {
                // the joiner sends ACCEPT; a creator that fell back to the proxy does not (§12.4)
                onConnected(channel, joiner);
            }

            @Override
            public void onFailure(Throwable cause) {
                failAndCancel(new IOException("Rendezvous proxy failed for " + fromUin + "'s file: "
                        + cause.getMessage(), cause));
            }
        };
    }

    /** A later proposal for this transfer: the sender tries another stage. */
    void onProposal(RendezvousBlock block) {
        ProposalAddresses next = ProposalAddresses.of(block);
        sequence = Math.max(sequence, next.sequence());
        if (senderVerifiedIp == null && !next.viaProxy()) {
            senderVerifiedIp = next.verifiedIp();
        }
        switch (state) {
            case OFFERED -> proposal = next; // libpurple, too, replaces what it stored (§6.8)
            case DIRECT, REVERSE, PROXY -> {
                if (next.viaProxy()) {
                    // also when we created a session ourselves: the sender keeps its own, so we yield
                    log.info("{}: {} asks to meet at the proxy", service.ownUin(), fromUin);
                    proposal = next;
                    joinProxy(next);
                } else {
                    log.debug("{}: ignoring a direct re-proposal from {} while {}", service.ownUin(), fromUin, state);
                }
            }
            default -> { }
        }
    }

    private void startStageTimer(Runnable onTimeout) {
        if (stageTimer != null) {
            stageTimer.cancel(false);
        }
        State during = state;
        stageTimer = loop.schedule(() -> {
            if (state == during) {
                onTimeout.run();
            }
        }, service.config().stageTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends whatever the current stage holds open: connect attempts, listener, proxy connection, timer. */
    private void closeStage() {
        if (connecting != null) {
            connecting.cancel(false);
            connecting = null;
        }
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (proxy != null) {
            proxy.abandon();
            proxy = null;
        }
        if (stageTimer != null) {
            stageTimer.cancel(false);
            stageTimer = null;
        }
    }

    /** The CANCEL goes out before the data connection closes, so the sender learns why, not just that. */
    private void failAndCancel(Throwable cause) {
        if (state == State.FINISHED) {
            return;
        }
        service.sendCancel(fromUin, cookie, CancelReason.UNKNOWN);
        finish(cause);
    }

    private void onConnected(Channel ch, boolean sendAccept) {
        closeStage();
        state = State.TRANSFERRING;
        dataChannel = ch;
        if (sendAccept) {
            service.sendAccept(fromUin, cookie);
        }
        ch.closeFuture().addListener(f -> loop.execute(() -> {
            if (state == State.TRANSFERRING) {
                awaitPeerCancel(new IOException("Data connection to " + fromUin + " closed early"));
            }
        }));
        ch.pipeline().addLast("oftReceive", new OftReceiveHandler(cookie, sink, Math.max(1, file.fileCount()),
                OftReceiveHandler.DEFAULT_IDLE_TIMEOUT));
    }

    @Override
    public void cancel() {
        loop.execute(() -> cancelLocally("File offer cancelled locally"));
    }

    /** Our side gives up: CANCEL to the sender; the returned future completes once it is written (or cannot be). */
    Future<?> cancelLocally(String why) {
        return cancelLocally(why, CancelReason.USER);
    }

    Future<?> cancelLocally(String why, CancelReason reason) {
        if (state == State.FINISHED) {
            return loop.newSucceededFuture(null);
        }
        Future<?> written = service.sendCancel(fromUin, cookie, reason);
        finish(new TransferCancelledException(why, false, reason));
        return written;
    }

    /** The peer sent a CANCEL or a channel-2 client error. */
    void onPeerCancelled(String how, CancelReason reason) {
        if (state == State.FINISHED) {
            return;
        }
        finish(new TransferCancelledException(fromUin + " " + how, true, reason));
        service.listener().onFileOfferCancelled(this);
    }

    /** The session ended. */
    void onSessionClosed(Throwable cause) {
        if (state != State.FINISHED) {
            finish(cause);
        }
    }

    private void finish(Throwable failure) {
        state = State.FINISHED;
        service.forget(this);
        closeStage();
        if (dataChannel != null) {
            dataChannel.close();
        }
        if (sink != null) {
            sink.fail(failure);
        }
    }

    /** The OFT handler saw the sender's DONE-acknowledged end: every byte is in. */
    private void onSinkCompleted() {
        if (state == State.FINISHED) {
            return;
        }
        state = State.FINISHED;
        service.forget(this);
    }

    /**
     * The OFT handler (or the user's sink through it) failed the transfer. A failure of ours (protocol error,
     * checksum, the sink refused the data, idle) gets a CANCEL to the sender; a dropped connection first waits
     * for the sender's own CANCEL.
     */
    private void onTransferFailed(Throwable cause) {
        if (state != State.TRANSFERRING) {
            return; // already ending: whoever ended it reports to the sink
        }
        if (OftTransferException.isConnectionLost(cause)) {
            awaitPeerCancel(cause);
        } else {
            failAndCancel(cause);
        }
    }

    /**
     * The data connection dropped. A sender that gave up closes it and sends a CANCEL through the server, which
     * usually arrives a little later (§6.5): wait briefly so the transfer ends as "cancelled by the sender", not
     * as a bare connection loss; if no CANCEL comes, we send one.
     */
    private void awaitPeerCancel(Throwable connectionLoss) {
        state = State.LINGERING;
        stageTimer = loop.schedule(() -> {
            if (state == State.LINGERING) {
                failAndCancel(connectionLoss);
            }
        }, RendezvousService.PEER_CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "FileOffer[from " + fromUin + ", '" + file.name() + "', " + size + " bytes]";
    }
}
