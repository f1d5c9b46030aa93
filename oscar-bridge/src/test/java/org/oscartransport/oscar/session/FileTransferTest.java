package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.icbm.IcbmErrorException;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;

/** The ICQ contact (client A) sends files to the user (client B) through the emulator, over real sockets. */
class FileTransferTest {

    private static final AtomicInteger NEXT_UIN = new AtomicInteger(400_000);

    private static EventLoopGroup group;
    private static OscarEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static OscarClient client(boolean allowPrivate, Duration offerTimeout) {
        return new OscarClient(group, new OscarClientConfig(emulator.address(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), allowPrivate, offerTimeout));
    }

    private record Peer(OscarSession session, RecordingListener events) {}

    private static Peer signOn(OscarClient client) throws Exception {
        RecordingListener events = new RecordingListener();
        String uin = String.valueOf(NEXT_UIN.incrementAndGet());
        return new Peer(client.login(uin, "pw", events).get(10, TimeUnit.SECONDS), events);
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
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
    void tenMebibytesArriveIntactOverAVerifiedDirectConnection() throws Exception {
        Path file = randomFile("report 2024 – финал.bin", 10 * 1024 * 1024);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        IncomingFileOffer offer = next(user.events().offers);

        assertThat(offer.fromUin()).isEqualTo(contact.session().uin());
        assertThat(offer.fileName()).isEqualTo("report 2024 – финал.bin");
        assertThat(offer.size()).isEqualTo(10 * 1024 * 1024);
        assertThat(offer.fileCount()).isEqualTo(1);
        assertThat(offer.directAddress().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(offer.directAddress().getPort()).isPositive();

        HashingSink sink = new HashingSink();
        offer.accept(sink);

        assertThat(sink.sha256.get(30, TimeUnit.SECONDS)).isEqualTo(sha256(file));
        assertThat(sink.announcedSize).isEqualTo(10 * 1024 * 1024);
        sent.get(30, TimeUnit.SECONDS);
        contact.session().close();
        user.session().close();
    }

    /** A sink that stops reading as soon as the data starts, and hands out the data channel. */
    private static final class PausingSink extends HashingSink {
        final CompletableFuture<io.netty.channel.Channel> paused = new CompletableFuture<>();

        @Override
        public void onStart(io.netty.channel.Channel dataChannel, long size) {
            dataChannel.config().setAutoRead(false); // a consumer that cannot keep up
            paused.complete(dataChannel);
        }
    }

    @Test
    void senderSigningOffMidTransferFailsItsFuture() throws Exception {
        Path file = randomFile("e.bin", 4 * 1024 * 1024);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        PausingSink sink = new PausingSink();
        next(user.events().offers).accept(sink);
        sink.paused.get(10, TimeUnit.SECONDS);
        contact.session().close();

        assertThat(failureOf(sent)).isInstanceOfSatisfying(TransferCancelledException.class,
                e -> assertThat(e.byPeer()).isFalse());
        assertThat(failureOf(sink.sha256)).as("the receiver hears the CANCEL sent before the sign-off")
                .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        user.session().close();
    }

    @Test
    void senderSigningOffBeforeTheOfferIsAnsweredCancelsIt() throws Exception {
        Path file = randomFile("g.bin", 1000);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        IncomingFileOffer offer = next(user.events().offers);
        contact.session().close();

        assertThat(failureOf(sent)).isInstanceOf(TransferCancelledException.class);
        assertThat(next(user.events().cancelled)).isSameAs(offer);
        user.session().close();
    }

    /** A sink that takes the first chunk, then refuses the rest (a full disk, a quota, a broken archive). */
    private static final class RefusingSink extends HashingSink {
        @Override
        public void onData(io.netty.buffer.ByteBuf data) {
            super.onData(data);
            throw new IllegalStateException("disk full");
        }
    }

    @Test
    void aReceiverThatCannotTakeTheDataCancelsAndTheSenderHearsTheCancel() throws Exception {
        Path file = randomFile("h.bin", 4 * 1024 * 1024);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        RefusingSink sink = new RefusingSink();
        next(user.events().offers).accept(sink);

        assertThat(failureOf(sink.sha256)).hasMessageContaining("disk full");
        assertThat(failureOf(sent)).as("a CANCEL, not only a closed connection")
                .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        contact.session().close();
        user.session().close();
    }

    @Test
    void receiverSigningOffMidTransferFailsBothSides() throws Exception {
        Path file = randomFile("f.bin", 4 * 1024 * 1024);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        PausingSink sink = new PausingSink();
        next(user.events().offers).accept(sink);
        sink.paused.get(10, TimeUnit.SECONDS);
        user.session().close();

        assertThat(failureOf(sink.sha256)).isInstanceOfSatisfying(TransferCancelledException.class,
                e -> assertThat(e.byPeer()).isFalse());
        assertThat(failureOf(sent)).as("the sender hears the CANCEL sent before the sign-off")
                .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        contact.session().close();
    }

    @Test
    void declineFailsTheSendersFuture() throws Exception {
        Path file = randomFile("a.txt", 1000);
        OscarClient client = client(true, Duration.ofSeconds(30));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        next(user.events().offers).cancel();

        assertThat(failureOf(sent)).isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        contact.session().close();
        user.session().close();
    }

    @Test
    void unansweredOfferTimesOutAndTheReceiverHearsOfIt() throws Exception {
        Path file = randomFile("b.txt", 1000);
        OscarClient client = client(true, Duration.ofMillis(500));
        Peer contact = signOn(client);
        Peer user = signOn(client);

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        IncomingFileOffer offer = next(user.events().offers);

        assertThat(failureOf(sent)).isInstanceOf(TimeoutException.class);
        assertThat(next(user.events().cancelled)).isSameAs(offer);
        HashingSink late = new HashingSink();
        offer.accept(late);
        assertThat(failureOf(late.sha256)).isInstanceOf(IllegalStateException.class);
        contact.session().close();
        user.session().close();
    }

    @Test
    void privatePeerAddressIsRefusedUnlessAllowed() throws Exception {
        Path file = randomFile("c.txt", 1000);
        Peer contact = signOn(client(true, Duration.ofSeconds(30)));
        Peer user = signOn(client(false, Duration.ofSeconds(30)));

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), file);
        HashingSink sink = new HashingSink();
        next(user.events().offers).accept(sink);

        assertThat(failureOf(sink.sha256)).isInstanceOf(SecurityException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("allowPrivatePeerAddresses");
        assertThat(failureOf(sent)).isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
        contact.session().close();
        user.session().close();
    }

    @Test
    void fileToAnOfflineUserFails() throws Exception {
        Path file = randomFile("d.txt", 10);
        Peer contact = signOn(client(true, Duration.ofSeconds(30)));

        assertThat(failureOf(contact.session().sendFile("499999999", file)))
                .isInstanceOfSatisfying(IcbmErrorException.class, e -> assertThat(e.recipientOffline()).isTrue());
        contact.session().close();
    }

    @Test
    void missingFileFailsWithoutProposing() throws Exception {
        Peer contact = signOn(client(true, Duration.ofSeconds(30)));
        Peer user = signOn(client(true, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> contact.session().sendFile(user.session().uin(), dir.resolve("nope"))
                .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(java.io.IOException.class);
        assertThat(user.events().offers).isEmpty();
        contact.session().close();
        user.session().close();
    }
}
