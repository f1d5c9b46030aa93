package org.oscartransport.oscar.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.SocketTransport;

class DirectConnectorTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theAddressThatAnswersWinsWhenTheOtherRefuses() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = peer.getLocalPort();
            // nothing listens on 127.0.0.2:port, since the peer bound 127.0.0.1 only
            List<InetSocketAddress> candidates = List.of(
                    new InetSocketAddress("127.0.0.2", port), new InetSocketAddress("127.0.0.1", port));
            EventLoop loop = group.next();
            Future<Channel> result = DirectConnector.connect(loop, SocketTransport.NIO, loop, candidates, Duration.ofSeconds(5));

            Channel winner = result.get(5, TimeUnit.SECONDS);
            assertThat(((InetSocketAddress) winner.remoteAddress()).getAddress())
                    .isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(winner.config().isAutoRead()).as("nothing is read before the caller's handler").isFalse();
            winner.close().sync();
        }
    }

    @Test
    void failsWhenEveryCandidateRefuses() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        EventLoop loop = group.next();
        Future<Channel> result = DirectConnector.connect(loop, SocketTransport.NIO, loop,
                List.of(new InetSocketAddress("127.0.0.1", port)), Duration.ofSeconds(5));

        assertThat(result.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.isSuccess()).isFalse();
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        EventLoop loop = group.next();
        // a TEST-NET-1 address (RFC 5737): never routed, so the connect hangs until our timer fires
        Future<Channel> result = DirectConnector.connect(loop, SocketTransport.NIO, loop,
                List.of(new InetSocketAddress("192.0.2.1", 5190)), Duration.ofMillis(300));

        assertThat(result.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.isSuccess()).isFalse();
    }
}
