package org.oscartransport.oscar.session;

import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Objects;

/**
 * The channel classes that match the caller's event loop group: NIO by default; pass e.g.
 * {@code new SocketTransport(EpollSocketChannel.class, EpollServerSocketChannel.class)} with an epoll group.
 */
public record SocketTransport(
        Class<? extends SocketChannel> socketChannel, Class<? extends ServerSocketChannel> serverSocketChannel) {

    public static final SocketTransport NIO = new SocketTransport(NioSocketChannel.class, NioServerSocketChannel.class);

    public SocketTransport {
        Objects.requireNonNull(socketChannel, "socketChannel");
        Objects.requireNonNull(serverSocketChannel, "serverSocketChannel");
    }
}
