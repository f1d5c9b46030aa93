package org.oscartransport.gateway.io;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.oscartransport.oscar.session.SocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Netty I/O transport the gateway runs on, and the channel classes that go with it: native epoll when
 * its library loads (Linux x86_64), which reads and writes with fewer copies and system calls and can splice;
 * NIO everywhere else, or when {@value #NIO_PROPERTY} is {@code true}. Every channel the gateway makes on its
 * event loop group must come from here, since an epoll loop refuses NIO channels and the other way round.
 */
public record NettyIo(String name, IoHandlerFactory handlers, SocketTransport sockets,
        ChannelFactory<? extends ServerChannel> serverChannels, ChannelFactory<? extends Channel> clientChannels) {

    /** System property that keeps the gateway on NIO even where epoll is available (for comparison). */
    public static final String NIO_PROPERTY = "oscar.nio";

    private static final Logger log = LoggerFactory.getLogger(NettyIo.class);

    public static final NettyIo NIO = new NettyIo("NIO", NioIoHandler.newFactory(), SocketTransport.NIO,
            NioServerSocketChannel::new, NioSocketChannel::new);

    /** Native epoll if it is available and not turned off, else NIO. */
    public static NettyIo best() {
        if (Boolean.getBoolean(NIO_PROPERTY)) {
            return NIO;
        }
        if (!Epoll.isAvailable()) {
            log.info("native epoll unavailable ({}), using NIO", Epoll.unavailabilityCause().toString());
            return NIO;
        }
        return new NettyIo("native epoll", EpollIoHandler.newFactory(),
                new SocketTransport(EpollSocketChannel.class, EpollServerSocketChannel.class),
                EpollServerSocketChannel::new, EpollSocketChannel::new);
    }

    public boolean isEpoll() {
        return sockets.socketChannel() == EpollSocketChannel.class;
    }

    /** An event loop group of the default size on this transport. */
    public EventLoopGroup newGroup() {
        return new MultiThreadIoEventLoopGroup(handlers);
    }

    /** An event loop group of {@code threads} threads on this transport. */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, handlers);
    }
}
