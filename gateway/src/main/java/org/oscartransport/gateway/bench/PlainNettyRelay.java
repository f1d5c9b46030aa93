package org.oscartransport.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The "plain Netty relay" of the targets: accept, connect to the sender on the same event loop, pass what the
 * reader sends (a request, for the HTTP paths) to the sender, and every read of the sender on ({@code write} per read, {@code flush} per read batch), autoRead following writability. No protocol.
 * Native epoll when it loads (the gateway ships {@code netty-transport-native-epoll} at runtime scope, so it is
 * reached by name), NIO otherwise or with {@code -Doscar.bench.nio=true} (to tell the transport's cost of NIO
 * from that of its protocol layers); {@link #transportName()} says which.
 */
final class PlainNettyRelay implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;
    private final String transportName;

    PlainNettyRelay(int targetPort) {
        Transport t = Transport.best();
        this.transportName = t.name;
        this.group = new MultiThreadIoEventLoopGroup(t.handlers);
        this.server = new ServerBootstrap()
                .group(group)
                .channelFactory(t.servers)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel reader) {
                        reader.pipeline().addLast(new ReaderSide(t, targetPort));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String transportName() {
        return transportName;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The accepted connection of the reader: opens the one to the sender and resumes it when writable again. */
    private static final class ReaderSide extends ChannelInboundHandlerAdapter {
        private final Transport transport;
        private final int targetPort;
        private Channel sender;

        ReaderSide(Transport transport, int targetPort) {
            this.transport = transport;
            this.targetPort = targetPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel reader = ctx.channel();
            sender = new Bootstrap()
                    .group(reader.eventLoop())
                    .channelFactory(transport.clients)
                    .handler(new SenderSide(reader))
                    .connect(new InetSocketAddress("127.0.0.1", targetPort))
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            reader.read(); // the reader's request, if it sends one (the outbound paths' GET)
                        } else {
                            reader.close();
                        }
                    }).channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            sender.write(msg, sender.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            sender.flush();
            ctx.read();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (sender != null) {
                sender.config().setAutoRead(ctx.channel().isWritable());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (sender != null) {
                sender.close();
            }
        }
    }

    /** The connection to the sender: its bytes go to the reader as they come. */
    private static final class SenderSide extends ChannelInboundHandlerAdapter {
        private final Channel reader;

        SenderSide(Channel reader) {
            this.reader = reader;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            reader.write(msg, reader.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            reader.flush();
            if (!reader.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reader.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Which Netty transport the relay runs on. */
    private record Transport(String name, IoHandlerFactory handlers, ChannelFactory<? extends ServerChannel> servers,
            ChannelFactory<? extends Channel> clients) {

        @SuppressWarnings("unchecked")
        static Transport best() {
            if (Boolean.getBoolean("oscar.bench.nio")) {
                return nio();
            }
            try {
                ClassLoader loader = PlainNettyRelay.class.getClassLoader();
                Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", true, loader);
                if ((boolean) epoll.getMethod("isAvailable").invoke(null)) {
                    IoHandlerFactory handlers = (IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler",
                            true, loader).getMethod("newFactory").invoke(null);
                    return new Transport("native epoll", handlers,
                            new ReflectiveChannelFactory<>((Class<? extends ServerChannel>) Class.forName(
                                    "io.netty.channel.epoll.EpollServerSocketChannel", true, loader)),
                            new ReflectiveChannelFactory<>((Class<? extends Channel>) Class.forName(
                                    "io.netty.channel.epoll.EpollSocketChannel", true, loader)));
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // no native epoll here: NIO below
            }
            return nio();
        }

        private static Transport nio() {
            return new Transport("NIO", NioIoHandler.newFactory(), NioServerSocketChannel::new, NioSocketChannel::new);
        }
    }
}
