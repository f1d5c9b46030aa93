package org.oscartransport.oscar.rendezvous;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.oscartransport.oscar.icbm.IcbmCookies;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending one file (or stream), stage 1: we listen on the BOS socket's local address, propose, and the peer connects to us.
 * Lives on the session's event loop, except the checksum, which reads the whole file and runs elsewhere.
 */
final class OutboundOffer {

    private static final Logger log = LoggerFactory.getLogger(OutboundOffer.class);

    private enum State { PREPARING, PROPOSED, TRANSFERRING, FINISHED }

    private final RendezvousService service;
    private final String toUin;
    private final OutgoingPayload payload;
    private final byte[] cookie = IcbmCookies.newCookie();
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final EventLoop loop;

    private State state = State.PREPARING;
    private Channel listener;
    private Channel dataChannel;
    private ScheduledFuture<?> offerTimer;

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
                && local.getAddress() instanceof Inet4Address)) {
            finish(new IllegalStateException("File offers need an IPv4 BOS connection"));
            return result;
        }
        payload.facts(service.blockingWork())
                .whenCompleteAsync((facts, e) -> {
                    if (state != State.PREPARING) {
                        return;
                    }
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        finish(new IOException("Cannot read " + payload.name() + ": " + cause.getMessage(), cause));
                    } else if (facts.size() == 0) {
                        finish(new IllegalArgumentException("Empty files cannot be offered (peers ignore them)"));
                    } else if (facts.size() > 0xFFFFFFFFL) {
                        finish(new IllegalArgumentException("Files of 4 GiB or more cannot be sent over OFT2"));
                    } else {
                        listen(local.getAddress(), facts);
                    }
                }, loop);
        return result;
    }

    private void listen(java.net.InetAddress localIp, OutgoingPayload.Facts facts) {
        ChannelFuture bind = new ServerBootstrap()
                .group(loop, loop)
                .channel(service.transport().serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.pipeline().remove(this);
                        onPeerConnected(ctx.channel(), facts);
                        ctx.fireChannelActive();
                    }
                })
                .bind(new InetSocketAddress(localIp, 0));
        listener = bind.channel();
        bind.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                finish(new IOException("Cannot listen for the file peer: " + f.cause().getMessage(), f.cause()));
            } else if (state == State.PREPARING) {
                propose(localIp, ((InetSocketAddress) f.channel().localAddress()).getPort(), facts);
            } else {
                f.channel().close();
            }
        });
    }

    private void propose(java.net.InetAddress localIp, int port, OutgoingPayload.Facts facts) {
        state = State.PROPOSED;
        byte[] ip = localIp.getAddress();
        long ipValue = ((ip[0] & 0xFFL) << 24) | ((ip[1] & 0xFF) << 16) | ((ip[2] & 0xFF) << 8) | (ip[3] & 0xFF);
        String name = payload.name();
        FileServiceData serviceData = new FileServiceData(FileServiceData.KIND_SINGLE, 1, facts.size(), name);
        TlvChain tlvs = TlvChain.of(
                new Tlv(RendezvousTlvs.RENDEZVOUS_IP, ip),
                new Tlv(RendezvousTlvs.CLIENT_IP, ip),
                Tlv.u16(RendezvousTlvs.PORT, port),
                Tlv.u16(RendezvousTlvs.SEQUENCE, 1),
                Tlv.empty(RendezvousTlvs.HOST_CHECK),
                Tlv.u32(RendezvousTlvs.IP_CHECK, ~ipValue & 0xFFFFFFFFL),
                Tlv.u16(RendezvousTlvs.PORT_CHECK, ~port & 0xFFFF),
                new Tlv(RendezvousTlvs.SERVICE_DATA, serviceData.encode()),
                Tlv.ascii(RendezvousTlvs.SERVICE_DATA_CHARSET, "utf-8"));
        RendezvousBlock block = new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE, tlvs);
        log.info("{}: offering {} ({} bytes) to {}", service.ownUin(), name, facts.size(), toUin);
        service.sendTracked(toUin, cookie, block).whenComplete((v, e) -> {
            if (e != null) {
                loop.execute(() -> finish(e));
            }
        });
        long timeout = service.config().offerTimeout().toMillis();
        offerTimer = loop.schedule(() -> {
            if (state == State.PROPOSED) {
                service.sendCancel(toUin, cookie);
                finish(new TimeoutException(toUin + " did not take the file within " + service.config().offerTimeout()));
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    private void onPeerConnected(Channel ch, OutgoingPayload.Facts facts) {
        if (state != State.PROPOSED) {
            ch.close();
            return;
        }
        state = State.TRANSFERRING;
        dataChannel = ch;
        offerTimer.cancel(false);
        listener.close(); // one peer, one connection
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((v, e) -> loop.execute(() -> {
            if (state == State.FINISHED) {
                return;
            }
            if (e != null) {
                service.sendCancel(toUin, cookie);
            }
            finish(e);
        }));
        ch.pipeline().addLast("oftSend", payload.sender(cookie, facts, done));
    }

    void onPeerCancelled(String how) {
        if (state != State.FINISHED) {
            finish(new TransferCancelledException(toUin + " " + how, true));
        }
    }

    void onSessionClosed(Throwable cause) {
        if (state != State.FINISHED) {
            finish(cause);
        }
    }

    private void finish(Throwable failure) {
        boolean handedOver = state == State.TRANSFERRING;
        state = State.FINISHED;
        service.forget(this);
        if (offerTimer != null) {
            offerTimer.cancel(false);
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
            log.info("{}: sending {} to {} failed: {}", service.ownUin(), payload.name(), toUin,
                    failure.toString());
            result.completeExceptionally(failure);
        } else {
            log.info("{}: sent {} to {}", service.ownUin(), payload.name(), toUin);
            result.complete(null);
        }
    }
}
