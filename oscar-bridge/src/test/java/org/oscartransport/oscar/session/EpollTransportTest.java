package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;

/** The same login, IM and file path on a native epoll group, as the gateway may run it. */
@EnabledIf("epollAvailable")
class EpollTransportTest {

    static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    @TempDir
    Path dir;

    @Test
    void loginMessageAndFileWorkOnEpoll() throws Exception {
        SocketTransport epoll = new SocketTransport(EpollSocketChannel.class, EpollServerSocketChannel.class);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        try (OscarEmulator emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0),
                Accounts.open(), epoll)) {
            OscarClient client = new OscarClient(group, new OscarClientConfig(emulator.address(),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)), epoll);
            RecordingListener userEvents = new RecordingListener();
            OscarSession contact = client.login("600001", "a", new RecordingListener()).get(10, TimeUnit.SECONDS);
            OscarSession user = client.login("600002", "b", userEvents).get(10, TimeUnit.SECONDS);

            contact.sendMessage("600002", "über epoll").get(10, TimeUnit.SECONDS);
            assertThat(next(userEvents.messages).text()).isEqualTo("über epoll");

            byte[] bytes = new byte[3 * 1024 * 1024 + 7];
            new Random(7).nextBytes(bytes);
            Path file = Files.write(dir.resolve("e.bin"), bytes);
            CompletableFuture<Void> sent = contact.sendFile("600002", file);
            HashingSink sink = new HashingSink();
            next(userEvents.offers).accept(sink);

            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sink.sha256.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            sent.get(30, TimeUnit.SECONDS);
            contact.close();
            user.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
