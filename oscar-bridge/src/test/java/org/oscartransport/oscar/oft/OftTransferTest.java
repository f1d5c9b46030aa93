package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;
import static org.oscartransport.oscar.oft.OftTestSupport.random;
import static org.oscartransport.oscar.oft.OftTestSupport.sha256;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our sender and our receiver talking to each other over loopback. */
class OftTransferTest {

    private static EventLoopGroup group;
    private Channel server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    /** Either side may be the one that listens (direct vs reverse connection): the handlers do not care. */
    private void connect(Supplier<ChannelHandler> listening, ChannelHandler connecting) throws Exception {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(initializer(listening))
                .bind("127.0.0.1", 0).sync().channel();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(initializer(() -> connecting))
                .connect(server.localAddress()).sync();
    }

    private static ChannelInitializer<SocketChannel> initializer(Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(handler.get());
            }
        };
    }

    private Path write(byte[] data) throws Exception {
        Path file = dir.resolve("in.bin");
        Files.write(file, data);
        return file;
    }

    @ParameterizedTest(name = "sender listens: {0}")
    @ValueSource(booleans = {true, false})
    void tenMebibytesArriveIntact(boolean senderListens) throws Exception {
        byte[] data = random(10 * 1024 * 1024 + 1, 11);
        Path file = write(data);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink(false);
        Supplier<ChannelHandler> sender =
                () -> new OftSendHandler(COOKIE, "in.bin", file, checksumOf(file), sent);
        Supplier<ChannelHandler> receiver = () -> new OftReceiveHandler(COOKIE, sink);
        if (senderListens) {
            connect(sender, receiver.get());
        } else {
            connect(receiver, sender.get());
        }
        sent.get(30, TimeUnit.SECONDS);
        sink.outcome.get(30, TimeUnit.SECONDS);
        assertThat(sink.announcedSize).isEqualTo(data.length);
        assertThat(sink.bytes).isEqualTo(data.length);
        assertThat(sink.sha256()).isEqualTo(sha256(data));
        assertThat(sink.events).containsExactly("start", "complete");
    }

    @Test
    void zeroByteFile() throws Exception {
        Path file = write(new byte[0]);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        connect(() -> new OftSendHandler(COOKIE, "empty", file, checksumOf(file), sent),
                new OftReceiveHandler(COOKIE, sink));
        sent.get(10, TimeUnit.SECONDS);
        sink.outcome.get(10, TimeUnit.SECONDS);
        assertThat(sink.events).containsExactly("start", "complete");
        assertThat(sink.announcedSize).isZero();
    }

    @Test
    void senderAbortingMidFileFailsTheReceiverOnce() throws Exception {
        byte[] data = random(10 * 1024 * 1024, 12);
        Path file = write(data);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink(false) {
            @Override
            public void onData(ByteBuf buf) {
                super.onData(buf);
                sent.cancel(false); // the user gave up: the sender closes its side
            }
        };
        connect(() -> new OftSendHandler(COOKIE, "in.bin", file, checksumOf(file), sent),
                new OftReceiveHandler(COOKIE, sink));
        assertThatThrownBy(() -> sink.outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("connection closed after");
        sink.channel.closeFuture().sync();
        assertThat(sink.events).containsExactly("start", "failure");
        assertThat(sink.bytes).isLessThan(data.length);
        assertThatThrownBy(sent::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void throttlingSinkHoldsBackTheZeroCopySender() throws Exception {
        byte[] data = random(4 * 1024 * 1024, 13);
        Path file = write(data);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ThrottlingSink sink = new ThrottlingSink();
        connect(() -> new OftSendHandler(COOKIE, "in.bin", file, checksumOf(file), sent),
                new OftReceiveHandler(COOKIE, sink));
        sent.get(60, TimeUnit.SECONDS);
        sink.outcome.get(60, TimeUnit.SECONDS);
        assertThat(sink.sha256()).isEqualTo(sha256(data));
        assertThat(sink.pauses).isGreaterThan(10);
        assertThat(sink.deliveredWhilePaused).isZero();
        assertThat(sink.maxHeld).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void overTlsTheFileGoesInChunks() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 5, 14);
        Path file = write(data);
        SslContext serverTls = TestTls.serverContext(dir);
        SslContext clientTls = SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink(false);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverTls.newHandler(ch.alloc()), new OftReceiveHandler(COOKIE, sink));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(clientTls.newHandler(ch.alloc()),
                                new OftSendHandler(COOKIE, "in.bin", file, checksumOf(file), sent));
                    }
                })
                .connect(server.localAddress()).sync();
        sent.get(30, TimeUnit.SECONDS);
        sink.outcome.get(30, TimeUnit.SECONDS);
        assertThat(sink.sha256()).isEqualTo(sha256(data));
    }

    private static long checksumOf(Path file) {
        try {
            return OftChecksum.of(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
