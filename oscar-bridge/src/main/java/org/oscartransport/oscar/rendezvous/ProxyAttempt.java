package org.oscartransport.oscar.rendezvous;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.oscartransport.oscar.proxy.ArsClientHandler;
import org.oscartransport.oscar.proxy.ArsFrame;
import org.oscartransport.oscar.session.OffLoopResolverGroup;

/**
 * One connection of an offer to the rendezvous proxy (§7.2), creating or joining a session, on the session's
 * loop. Once abandoned it closes and reports nothing more, so an offer that moved on never hears of it again.
 */
final class ProxyAttempt {

    /** Called on the session's loop, only while the attempt is not abandoned. */
    interface Events {
        /** The proxy created our session: propose it to the peer. Creators only. */
        default void onCreated(int pin, byte[] proxyIpv4) {}

        /** Both sides are connected; {@code channel} now belongs to the caller. */
        void onReady(Channel channel);

        void onFailure(Throwable cause);
    }

    private final Events events;
    private Channel channel;
    private boolean abandoned;
    private boolean handedOver;

    private ProxyAttempt(Events events) {
        this.events = events;
    }

    /** "Create": connect to our configured proxy, INIT_SEND. */
    static ProxyAttempt create(RendezvousService service, byte[] cookie, Events events) {
        ProxyAttempt attempt = new ProxyAttempt(events);
        attempt.connect(service, service.config().proxyServer(),
                ArsFrame.initSend(service.ownUin(), cookie, Capabilities.SEND_FILE));
        return attempt;
    }

    /** "Join": connect to the proxy IP a peer named (TCP port from the config, 5190 by default), INIT_RECV. */
    static ProxyAttempt join(RendezvousService service, InetAddress proxyIp, int pin, byte[] cookie, Events events) {
        ProxyAttempt attempt = new ProxyAttempt(events);
        attempt.connect(service, new InetSocketAddress(proxyIp, service.config().proxyJoinPort()),
                ArsFrame.initRecv(service.ownUin(), pin, cookie, Capabilities.SEND_FILE));
        return attempt;
    }

    /** Closes the connection unless it was already handed over at READY; no more events. */
    void abandon() {
        abandoned = true;
        if (!handedOver) {
            channel.close();
        }
    }

    private void connect(RendezvousService service, SocketAddress proxy, ArsFrame request) {
        ChannelFuture connect = new Bootstrap()
                .group(service.loop())
                .channel(service.transport().socketChannel())
                .resolver(OffLoopResolverGroup.SYSTEM)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) InboundOffer.CONNECT_TIMEOUT.toMillis())
                .handler(new ArsClientHandler(request, new Handshake()))
                .connect(proxy);
        channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                fail(new IOException("Cannot connect to the rendezvous proxy " + proxy + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
    }

    private void fail(Throwable cause) {
        if (!abandoned) {
            abandoned = true;
            events.onFailure(cause);
        }
    }

    private final class Handshake implements ArsClientHandler.Listener {
        @Override
        public void onAck(int pin, byte[] proxyIpv4) {
            if (!abandoned) {
                events.onCreated(pin, proxyIpv4);
            }
        }

        @Override
        public void onReady(Channel ready) {
            if (abandoned) {
                ready.close();
                return;
            }
            handedOver = true;
            events.onReady(ready);
        }

        @Override
        public void onFailure(Throwable cause) {
            fail(cause);
        }
    }
}
