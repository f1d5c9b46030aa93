package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;

class OffLoopResolverGroupTest {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService lookups = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.shutdownNow();
    }

    @Test
    void aSlowLookupLeavesTheEventLoopFreeAndTheConnectGoesOnWhenItAnswers() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        OffLoopResolverGroup resolvers = new OffLoopResolverGroup(host -> {
            assertThat(host).isEqualTo("bos.example");
            awaitUninterruptibly(answer);
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }, lookups);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChannelFuture connect = bootstrap(resolvers)
                    .connect(InetSocketAddress.createUnresolved("bos.example", server.getLocalPort()));

            // the lookup is still blocked; the loop must keep running other work meanwhile
            CountDownLatch ran = new CountDownLatch(1);
            loop.next().execute(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("event loop ran a task during the lookup").isTrue();
            assertThat(connect.isDone()).isFalse();

            answer.countDown();
            assertThat(connect.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(connect.isSuccess()).isTrue();
            try (Socket accepted = server.accept()) {
                assertThat(accepted.getInetAddress().isLoopbackAddress()).isTrue();
            }
            connect.channel().close().syncUninterruptibly();
        }
    }

    @Test
    void anUnknownHostFailsTheConnectWithTheLookupsError() throws Exception {
        OffLoopResolverGroup resolvers = new OffLoopResolverGroup(host -> {
            throw new UnknownHostException(host + ": not known");
        }, lookups);
        ChannelFuture connect = bootstrap(resolvers).connect(InetSocketAddress.createUnresolved("nowhere.invalid", 5190));
        assertThat(connect.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(connect.cause()).isInstanceOf(UnknownHostException.class).hasMessageContaining("nowhere.invalid");
    }

    @Test
    void theClientLogsInToALoginServerGivenByName() throws Exception {
        OscarEmulator emulator = OscarEmulator.start(loop, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        try {
            OscarClient client = new OscarClient(loop, new OscarClientConfig(
                    InetSocketAddress.createUnresolved("localhost", emulator.address().getPort()),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
            OscarSession session = client.login("123456", "x", new RecordingListener()).get(10, TimeUnit.SECONDS);
            assertThat(session.uin()).isEqualTo("123456");
            session.close();
        } finally {
            emulator.close();
        }
    }

    private Bootstrap bootstrap(OffLoopResolverGroup resolvers) {
        return new Bootstrap().group(loop).channel(NioSocketChannel.class).resolver(resolvers)
                .handler(new ChannelInboundHandlerAdapter());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
