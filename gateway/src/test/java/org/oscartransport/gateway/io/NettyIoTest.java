package org.oscartransport.gateway.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway's I/O choice: native epoll where it loads, and channels that work on the group it makes. */
class NettyIoTest {

    @Test
    void bestIsNativeEpollWhereItLoads() {
        NettyIo best = NettyIo.best();
        assertThat(best.isEpoll()).isEqualTo(Epoll.isAvailable());
        assertThat(best.sockets().socketChannel())
                .isEqualTo(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    @Test
    void thePropertyKeepsTheGatewayOnNio() {
        String before = System.getProperty(NettyIo.NIO_PROPERTY);
        System.setProperty(NettyIo.NIO_PROPERTY, "true");
        try {
            assertThat(NettyIo.best()).isSameAs(NettyIo.NIO);
            assertThat(NettyIo.NIO.isEpoll()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(NettyIo.NIO_PROPERTY);
            } else {
                System.setProperty(NettyIo.NIO_PROPERTY, before);
            }
        }
    }

    @Test
    void serverAndClientChannelsOfBestCarryBytesOnItsGroup() throws Exception {
        assertEcho(NettyIo.best());
    }

    @Test
    void serverAndClientChannelsOfNioCarryBytesOnItsGroup() throws Exception {
        assertEcho(NettyIo.NIO);
    }

    private static void assertEcho(NettyIo io) throws Exception {
        EventLoopGroup group = io.newGroup(1);
        try {
            Channel server = new ServerBootstrap().group(group).channelFactory(io.serverChannels())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg); // echo
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channelFactory(io.clientChannels())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf in = (ByteBuf) msg;
                                    echoed.complete(in.toString(StandardCharsets.US_ASCII));
                                    in.release();
                                }
                            });
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
