package org.oscartransport.oscar.rendezvous;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.oscartransport.oscar.proxy.ArsClientHandler;
import org.oscartransport.oscar.proxy.ArsFrame;

/** Opens a connection to the rendezvous proxy (§7.2) on the session's loop and runs the handshake on it. */
final class ProxyConnector {

    private ProxyConnector() {}

    /** "Create": connect to our configured proxy, INIT_SEND. The listener hears ACK (pin, IP), then READY. */
    static Channel create(RendezvousService service, byte[] cookie, ArsClientHandler.Listener listener) {
        return connect(service, service.config().proxyServer(),
                ArsFrame.initSend(service.ownUin(), cookie, Capabilities.SEND_FILE), listener);
    }

    /** "Join": connect to the proxy IP a peer named (TCP port from the config, 5190 by default), INIT_RECV. */
    static Channel join(RendezvousService service, InetAddress proxyIp, int pin, byte[] cookie,
            ArsClientHandler.Listener listener) {
        return connect(service, new InetSocketAddress(proxyIp, service.config().proxyJoinPort()),
                ArsFrame.initRecv(service.ownUin(), pin, cookie, Capabilities.SEND_FILE), listener);
    }

    private static Channel connect(RendezvousService service, SocketAddress proxy, ArsFrame request,
            ArsClientHandler.Listener listener) {
        EventLoop loop = service.loop();
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(service.transport().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) InboundOffer.CONNECT_TIMEOUT.toMillis())
                .handler(new ArsClientHandler(request, listener))
                .connect(proxy);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                listener.onFailure(new IOException("Cannot connect to the rendezvous proxy " + proxy + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        return connect.channel();
    }
}
