package org.oscartransport.oscar.rendezvous;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.oft.OftReceiveHandler;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Send File proposal we received. Accepting runs stage 1 only (connect to the proposer); state lives on the
 * session's event loop.
 */
final class InboundOffer implements IncomingFileOffer {

    private static final Logger log = LoggerFactory.getLogger(InboundOffer.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private enum State { OFFERED, CONNECTING, TRANSFERRING, FINISHED }

    private final RendezvousService service;
    private final EventLoop loop;
    private final String fromUin;
    private final byte[] cookie;
    private final FileServiceData file;
    private final long size;
    private final InetAddress verifiedIp;
    private final InetAddress clientIp;
    private final int port;
    private final boolean viaProxy;

    private State state = State.OFFERED;
    private OnceSink sink;
    private Promise<Channel> connecting;
    private Channel dataChannel;

    private InboundOffer(RendezvousService service, EventLoop loop, String fromUin, byte[] cookie,
            FileServiceData file, long size, InetAddress verifiedIp, InetAddress clientIp, int port,
            boolean viaProxy) {
        this.service = service;
        this.loop = loop;
        this.fromUin = fromUin;
        this.cookie = cookie;
        this.file = file;
        this.size = size;
        this.verifiedIp = verifiedIp;
        this.clientIp = clientIp;
        this.port = port;
        this.viaProxy = viaProxy;
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
                ipv4(tlvs.bytes(RendezvousTlvs.VERIFIED_IP)), ipv4(tlvs.bytes(RendezvousTlvs.CLIENT_IP)),
                tlvs.u16(RendezvousTlvs.PORT, 0), tlvs.has(RendezvousTlvs.USE_PROXY));
    }

    private static InetAddress ipv4(byte[] value) {
        if (value == null || value.length != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(value);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 bytes
        }
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
    public InetSocketAddress directAddress() {
        // with the proxy flag, 0x0005 is a proxy pin, not a port (§6.2)
        return verifiedIp == null || port == 0 || viaProxy ? null : new InetSocketAddress(verifiedIp, port);
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void accept(OftDataSink sink) {
        Objects.requireNonNull(sink, "sink");
        loop.execute(() -> doAccept(new OnceSink(sink)));
    }

    private void doAccept(OnceSink newSink) {
        if (state != State.OFFERED) {
            newSink.onFailure(new IllegalStateException("File offer " + this + " was already " + state));
            return;
        }
        sink = newSink;
        List<InetSocketAddress> candidates = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        if (viaProxy) {
            finish(new IllegalStateException("The offer from " + fromUin + " goes through a rendezvous proxy;"
                    + " proxy connections are not supported yet"));
            service.sendCancel(fromUin, cookie);
            return;
        }
        if (verifiedIp == null || port == 0) {
            finish(new IllegalStateException("The offer from " + fromUin + " carries no verified address and port;"
                    + " reverse and proxy connections are not supported yet"));
            service.sendCancel(fromUin, cookie);
            return;
        }
        addCandidate(candidates, refusals, verifiedIp);
        if (clientIp != null && !clientIp.equals(verifiedIp)) {
            addCandidate(candidates, refusals, clientIp);
        }
        if (candidates.isEmpty()) {
            finish(new SecurityException("Refusing to connect to " + fromUin + "'s file peer: "
                    + String.join("; ", refusals)));
            service.sendCancel(fromUin, cookie);
            return;
        }
        state = State.CONNECTING;
        log.debug("Connecting to {} for file offer {}", candidates, this);
        // the data connection shares the session's loop, so the sink callbacks and this state need no locks
        connecting = DirectConnector.connect(loop, service.transport(), loop, candidates, CONNECT_TIMEOUT);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                if (state == State.CONNECTING) {
                    finish(new IOException("Cannot connect to " + fromUin + "'s file peer at "
                            + candidates + ": " + f.cause().getMessage(), f.cause()));
                    service.sendCancel(fromUin, cookie);
                }
                return;
            }
            Channel ch = connecting.getNow();
            if (state != State.CONNECTING) {
                ch.close();
                return;
            }
            onConnected(ch);
        });
    }

    private void addCandidate(List<InetSocketAddress> candidates, List<String> refusals, InetAddress ip) {
        String refusal = service.policy().refusal(ip);
        if (refusal == null) {
            candidates.add(new InetSocketAddress(ip, port));
        } else {
            refusals.add(refusal);
        }
    }

    private void onConnected(Channel ch) {
        state = State.TRANSFERRING;
        dataChannel = ch;
        // the side that opened the connection sends ACCEPT (§6.5)
        service.sendAccept(fromUin, cookie);
        ch.closeFuture().addListener(f -> loop.execute(() -> {
            if (state != State.FINISHED) {
                finish(new IOException("Data connection to " + fromUin + " closed early"));
            }
        }));
        ch.pipeline().addLast("oftReceive", new OftReceiveHandler(cookie, sink));
    }

    @Override
    public void cancel() {
        loop.execute(() -> {
            if (state == State.FINISHED) {
                return;
            }
            service.sendCancel(fromUin, cookie);
            finish(new TransferCancelledException("File offer cancelled locally", false));
        });
    }

    /** The peer sent a CANCEL or a channel-2 client error. */
    void onPeerCancelled(String how) {
        if (state == State.FINISHED) {
            return;
        }
        finish(new TransferCancelledException(fromUin + " " + how, true));
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
        if (connecting != null) {
            connecting.cancel(false);
        }
        if (dataChannel != null) {
            dataChannel.close();
        }
        if (sink != null) {
            sink.onFailure(failure);
        }
    }

    private void onSinkDone() {
        state = State.FINISHED;
        service.forget(this);
    }

    @Override
    public String toString() {
        return "FileOffer[from " + fromUin + ", '" + file.name() + "', " + size + " bytes]";
    }

    /** Passes calls on, but at most one terminal call, whoever reports it first (peer, timer, OFT handler). */
    private final class OnceSink implements OftDataSink {
        private final OftDataSink delegate;
        private boolean terminated;

        OnceSink(OftDataSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onStart(Channel channel, long size) {
            if (!terminated) {
                delegate.onStart(channel, size);
            }
        }

        @Override
        public void onData(ByteBuf data) {
            if (terminated) {
                data.release();
            } else {
                delegate.onData(data);
            }
        }

        @Override
        public void onComplete() {
            if (!terminated) {
                terminated = true;
                onSinkDone();
                delegate.onComplete();
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            if (!terminated) {
                terminated = true;
                if (state != State.FINISHED) {
                    onSinkDone();
                    if (dataChannel != null) {
                        dataChannel.close();
                    }
                }
                delegate.onFailure(cause);
            }
        }
    }
}
