package org.oscartransport.splice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.testsupport.DigestingReader;

/** A sender's stream spliced into a reader's connection up to the unsafe tail, the tail relayed the usual way. */
class ChunkedSpliceTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        assertThat(Epoll.isAvailable()).as("native epoll: %s", Epoll.unavailabilityCause()).isTrue();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void notBetweenChannelsOfOtherTransportsOrLoops() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        assertThat(Splice.possible(a, b)).isFalse();
        assertThat(ChunkedSplice.startIfPossible(a, b, Long.MAX_VALUE / 2, null)).isNull();
        assertThat(Splice.unsafeTail(a)).as("tcp_rmem's limit").isGreaterThanOrEqualTo(128 * 1024);
    }

    @Test
    void splicesInChunksUpToTheTailAndTheRestGoesTheUsualWay() throws Exception {
        long tail = Splice.receiveBufferLimit();
        byte[] data = new byte[(int) (tail + 20 * 1024 * 1024)];
        new Random(3).nextBytes(data);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        sent.update(data);

        DigestingReader reader = DigestingReader.start();
        EventLoop loop = group.next();
        Channel target = new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(reader.address()).sync().channel();

        AtomicLong spliced = new AtomicLong();
        AtomicLong usual = new AtomicLong();
        CompletableFuture<Throwable> stopped = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(loop, loop).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    private ChunkedSplice splice;

                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        splice = ChunkedSplice.startIfPossible(ctx.channel(), target, data.length,
                                new ChunkedSplice.Listener() {
                                    @Override
                                    public boolean onChunk(int bytes) {
                                        spliced.addAndGet(bytes);
                                        return true;
                                    }

                                    @Override
                                    public void onStopped(Throwable cause) {
                                        stopped.complete(cause);
                                    }
                                });
                        assertThat(splice).isNotNull();
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        usual.addAndGet(((ByteBuf) msg).readableBytes());
                        target.writeAndFlush(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        target.close();
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try (Socket sender = new Socket()) {
            sender.connect(server.localAddress());
            OutputStream out = sender.getOutputStream();
            out.write(data);
            // closes right after its last byte: the tail is still unread, and must not be lost
        }

        assertThat(reader.received().get(20, TimeUnit.SECONDS).sha256()).isEqualTo(sent.digest());
        assertThat(stopped.get(5, TimeUnit.SECONDS)).as("stopped at the tail, not by a failure").isNull();
        assertThat(spliced.get()).isBetween(data.length - tail - 16L * 1024 * 1024, data.length - tail);
        assertThat(spliced.get() + usual.get()).isEqualTo(data.length);
        server.close().sync();
        reader.close();
    }
}
