package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.EmulatorOptions.VerifiedIp;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.emulator.RendezvousProxyEmulator;

/**
 * Client A sends a file to client B through the emulator while the emulator withholds what one stage needs
 * (oscar.md §6.8), so that each later stage runs over real sockets: reverse, proxy created by the receiver,
 * proxy created by the sender.
 */
class ConnectionStagesTest {

    private static final AtomicInteger NEXT_UIN = new AtomicInteger(420_000);
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static RendezvousProxyEmulator proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        proxy = RendezvousProxyEmulator.start(group, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void resetOptions() {
        emulator.options().verifiedIp(VerifiedIp.ALWAYS).dropReverseProposals(false);
    }

    private static OscarClientConfig config(InetSocketAddress proxyAddress) {
        return new OscarClientConfig(emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true,
                Duration.ofSeconds(30))
                .withProxy(proxyAddress, proxyAddress.getPort())
                .withStageTimeout(Duration.ofSeconds(1));
    }

    private record Peer(OscarSession session, RecordingListener events) {}

    private static Peer signOn(OscarClientConfig config) throws Exception {
        RecordingListener events = new RecordingListener();
        String uin = String.valueOf(NEXT_UIN.incrementAndGet());
        return new Peer(new OscarClient(group, config).login(uin, "pw", events).get(10, TimeUnit.SECONDS), events);
    }

    private Path randomFile() throws Exception {
        byte[] bytes = new byte[SIZE];
        new Random(SIZE).nextBytes(bytes);
        return Files.write(dir.resolve("stage.bin"), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static InetSocketAddress unusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("future did not fail in time", e);
        }
        throw new AssertionError("future succeeded");
    }

    /** Sends, checks the bytes, and returns how many proxy sessions were joined meanwhile. */
    private int transfer(OscarClientConfig config) throws Exception {
        Path file = randomFile();
        Peer a = signOn(config);
        Peer b = signOn(config);
        int joinedBefore = proxy.joinedSessions();

        CompletableFuture<Void> sent = a.session().sendFile(b.session().uin(), file);
        IncomingFileOffer offer = next(b.events().offers);
        HashingSink sink = new HashingSink();
        offer.accept(sink);

        assertThat(sink.sha256.get(30, TimeUnit.SECONDS)).isEqualTo(sha256(file));
        sent.get(10, TimeUnit.SECONDS);
        a.session().close();
        b.session().close();
        return proxy.joinedSessions() - joinedBefore;
    }

    @Test
    void withoutAVerifiedAddressTheReceiverAsksTheSenderToConnect() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NOT_ON_FIRST_PROPOSAL);
        // a dead proxy address: had stage 3 been needed, the transfer would fail
        assertThat(transfer(config(unusedPort()))).isZero();
    }

    @Test
    void whenTheReverseProposalIsLostTheReceiverCreatesAProxySessionAndTheSenderJoins() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NOT_ON_FIRST_PROPOSAL).dropReverseProposals(true);
        assertThat(transfer(config(proxy.address()))).isEqualTo(1);
    }

    @Test
    void whenTheSenderCannotReachTheReceiverItCreatesAProxySessionAndTheReceiverJoins() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NEVER);
        assertThat(transfer(config(proxy.address()))).isEqualTo(1);
    }

    @Test
    void aStreamCrossesTheProxyWithBackPressure() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NOT_ON_FIRST_PROPOSAL).dropReverseProposals(true);
        OscarClientConfig config = config(proxy.address());
        Peer a = signOn(config);
        Peer b = signOn(config);
        int joinedBefore = proxy.joinedSessions();
        StreamSource source = new StreamSource(group.next(), 8 * 1024 * 1024, Long.MAX_VALUE);

        CompletableFuture<Void> sent = a.session().sendFile(b.session().uin(), "relayed.bin", 8 * 1024 * 1024, source);
        HashingSink sink = new HashingSink();
        next(b.events().offers).accept(sink);

        assertThat(sink.sha256.get(30, TimeUnit.SECONDS)).isEqualTo(source.sha256());
        sent.get(10, TimeUnit.SECONDS);
        assertThat(proxy.joinedSessions() - joinedBefore).isEqualTo(1);
        a.session().close();
        b.session().close();
    }

    @Test
    void aReverseConnectionFromAnAddressThePolicyRefusesIsClosed() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NOT_ON_FIRST_PROPOSAL);
        Peer a = signOn(config(unusedPort()));
        Peer b = signOn(new OscarClientConfig(emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10),
                false, Duration.ofSeconds(30)).withProxy(unusedPort(), 5190).withStageTimeout(Duration.ofSeconds(5)));

        CompletableFuture<Void> sent = a.session().sendFile(b.session().uin(), randomFile());
        HashingSink sink = new HashingSink();
        next(b.events().offers).accept(sink);

        assertThat(failureOf(sent)).as("B closed A's connection from 127.0.0.1 before any OFT frame")
                .hasMessageContaining("connection closed");
        assertThat(failureOf(sink.sha256)).as("A's CANCEL says its client gave up, not its user")
                .hasMessageContaining("gave up on the transfer");
        assertThat(sink.received).isZero();
        a.session().close();
        b.session().close();
    }

    @Test
    void withNoStageLeftBothSidesFail() throws Exception {
        emulator.options().verifiedIp(VerifiedIp.NOT_ON_FIRST_PROPOSAL).dropReverseProposals(true);
        OscarClientConfig config = config(unusedPort());
        Peer a = signOn(config);
        Peer b = signOn(config);

        CompletableFuture<Void> sent = a.session().sendFile(b.session().uin(), randomFile());
        HashingSink sink = new HashingSink();
        next(b.events().offers).accept(sink);

        assertThat(failureOf(sink.sha256)).hasMessageContaining("proxy");
        assertThat(failureOf(sent)).as("the receiver's CANCEL, sent by its client, not its user")
                .hasMessageContaining("gave up on the transfer");
        a.session().close();
        b.session().close();
    }
}
