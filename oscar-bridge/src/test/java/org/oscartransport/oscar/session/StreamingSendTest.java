package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;

/** Sending bytes from an {@code OftDataSource} (a relayed download) through the emulator, over real sockets. */
class StreamingSendTest {

    private static final AtomicInteger NEXT_UIN = new AtomicInteger(410_000);
    private static final int TEN_MIB = 10 * 1024 * 1024;

    private static EventLoopGroup group;
    private static EventLoopGroup producers;
    private static OscarEmulator emulator;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        producers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        producers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private record Peer(OscarSession session, RecordingListener events) {}

    private static Peer signOn() throws Exception {
        OscarClient client = new OscarClient(group, new OscarClientConfig(emulator.address(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        RecordingListener events = new RecordingListener();
        String uin = String.valueOf(NEXT_UIN.incrementAndGet());
        return new Peer(client.login(uin, "pw", events).get(10, TimeUnit.SECONDS), events);
    }

    private static EventExecutor producerLoop() {
        return producers.next();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("future did not fail in time", e);
        }
        throw new AssertionError("future succeeded");
    }

    @Test
    void tenMebibytesFromAnotherLoopArriveIntactWhileHonouringWritability() throws Exception {
        Peer contact = signOn();
        Peer user = signOn();
        StreamSource source = new StreamSource(producerLoop(), TEN_MIB, Long.MAX_VALUE);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), "relayed.bin", TEN_MIB, source);
        IncomingFileOffer offer = next(user.events().offers);
        assertThat(offer.fileName()).isEqualTo("relayed.bin");
        assertThat(offer.size()).isEqualTo(TEN_MIB);
        HashingSink sink = new HashingSink();
        offer.accept(sink);

        String received = sink.sha256.get(30, TimeUnit.SECONDS);
        sent.get(10, TimeUnit.SECONDS);
        assertThat(received).isEqualTo(source.sha256());
        assertThat(sink.received).isEqualTo(TEN_MIB);
        assertThat(source.cancelled).isNotDone();
        assertThat(source.pauses).as("the producer waited for writability").isPositive();
        contact.session().close();
        user.session().close();
    }

    @Test
    void sourceFailingMidwayFailsTheReceiverAndCancelsTheOffer() throws Exception {
        Peer contact = signOn();
        Peer user = signOn();
        StreamSource source = new StreamSource(producerLoop(), TEN_MIB, 1024 * 1024);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), "broken.bin", TEN_MIB, source);
        IncomingFileOffer offer = next(user.events().offers);
        HashingSink sink = new HashingSink();
        offer.accept(sink);

        assertThat(failureOf(sent)).hasMessageContaining("upstream broke");
        assertThat(failureOf(sink.sha256)).as("the receiver hears the CANCEL, not just a closed connection")
                .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        assertThat(sink.received).isLessThan(TEN_MIB);
        assertThat(source.cancelled).as("a source that failed is not cancelled").isNotDone();
        contact.session().close();
        user.session().close();
    }

    @Test
    void declineBeforeStartCancelsTheSourceWithoutStartingIt() throws Exception {
        Peer contact = signOn();
        Peer user = signOn();
        StreamSource source = new StreamSource(producerLoop(), 1000, Long.MAX_VALUE);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), "a.txt", 1000, source);
        next(user.events().offers).cancel();

        assertThat(failureOf(sent)).isInstanceOf(TransferCancelledException.class);
        assertThat(source.cancelled.get(5, TimeUnit.SECONDS)).isInstanceOf(TransferCancelledException.class);
        assertThat(source.started).isNotDone();
        contact.session().close();
        user.session().close();
    }
}
