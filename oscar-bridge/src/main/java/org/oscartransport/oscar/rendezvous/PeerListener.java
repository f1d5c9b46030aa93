package org.oscartransport.oscar.rendezvous;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.oscartransport.oscar.session.SocketTransport;

/**
 * A listener for the file peer's connection ("connect to me", stages 1 and 2 of §6.8) on the session's loop.
 * Accepted connections have autoRead off until the caller installs its handler.
 */
final class PeerListener {

    private PeerListener() {}

    /**
     * Binds {@code ip}, port 0 (any free port). {@code onPeer} runs on {@code loop} for every accepted connection.
     */
    static ChannelFuture bind(EventLoop loop, SocketTransport transport, InetAddress ip, Consumer<Channel> onPeer) {
        return new ServerBootstrap()
                .group(loop, loop)
                .channel(transport.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.pipeline().remove(this);
                        onPeer.accept(ctx.channel());
                        ctx.fireChannelActive();
                    }
                })
                .bind(new InetSocketAddress(ip, 0));
    }

    static int port(Channel listener) {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }
}
