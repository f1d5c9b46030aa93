package org.oscartransport.oscar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
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
import org.oscartransport.oscar.emulator.EmulatorOptions;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.icbm.IcbmErrorException;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.HashingSink;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.RecordingListener;
import org.oscartransport.oscar.session.TypingState;

/**
 * Interop with code nobody here wrote: Pidgin's libpurple 2.14.1 ICQ plugin (Debian 11's {@code libicq.so} and
 * {@code liboscar.so} loaded into Debian 12's libpurple core), driven headless by {@code purple-icq-probe}
 * (interop/libpurple). libpurple signs on to our emulator and talks to a session of our Netty client: IMs both
 * ways and files both ways, over stage-1 direct connections on loopback. The harness is built in
 * {@link #build()}; if that fails, every test fails with the build script's message (never skipped).
 */
class LibpurpleInteropTest {

    private static final Duration EVENT = Duration.ofSeconds(30);
    private static final AtomicInteger NEXT_UIN = new AtomicInteger(700_000 + new Random().nextInt(200_000));

    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static OscarClient client;
    private static Path probe;
    private static String buildFailure;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path script = module.resolveSibling("interop").resolve("libpurple").resolve("build.sh");
        Path out = module.resolve("target").resolve("libpurple-icq");
        Process p = new ProcessBuilder("bash", script.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            buildFailure = script + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "):\n" + output;
            return;
        }
        String[] lines = output.strip().split("\n");
        probe = Path.of(lines[lines.length - 1].strip());

        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // libpurple connects to BOS at the address the emulator names, which is its listen address: loopback.
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        client = new OscarClient(group, new OscarClientConfig(emulator.address(), Duration.ofSeconds(5),
                Duration.ofSeconds(15), true, Duration.ofSeconds(60)));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void requireBuilt() {
        if (buildFailure != null) {
            fail("the libpurple harness could not be built, so libpurple interop is untested:\n" + buildFailure);
        }
    }

    private static String newUin() {
        return String.valueOf(NEXT_UIN.incrementAndGet());
    }

    private record Peer(OscarSession session, RecordingListener events) {}

    private static Peer signOn() throws Exception {
        RecordingListener events = new RecordingListener();
        return new Peer(client.login(newUin(), "pw", events).get(20, TimeUnit.SECONDS), events);
    }

    private static PurpleProbe probe(String uin, String... action) throws IOException {
        return PurpleProbe.start(probe, emulator.address(), uin, 60, List.of(action));
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /**
     * libpurple is "signed on" before it sends client-ready, so the emulator may not list it online for a few
     * milliseconds after SIGNED_ON: repeat {@code action} while the server answers "not logged in". Returns the
     * first future that did not fail that way within {@code settle} (it may still be running).
     */
    private static <T> CompletableFuture<T> retryWhileOffline(Supplier<CompletableFuture<T>> action,
            Duration settle) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            CompletableFuture<T> f = action.get();
            try {
                f.get(settle.toMillis(), TimeUnit.MILLISECONDS);
                return f;
            } catch (TimeoutException e) {
                return f;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IcbmErrorException icbm && icbm.recipientOffline()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    continue;
                }
                return f;
            }
        }
    }

    /** Returns once the emulator relays to {@code uin}: an IM from a helper session got through. */
    private static void awaitOnline(String uin) throws Exception {
        Peer helper = signOn();
        try {
            retryWhileOffline(() -> helper.session().sendMessage(uin, "are you there?"), EVENT)
                    .get(1, TimeUnit.SECONDS);
        } finally {
            helper.session().close();
        }
    }

    private static <T> CompletableFuture<T> offerWhileOffline(Supplier<CompletableFuture<T>> action)
            throws Exception {
        return retryWhileOffline(action, Duration.ofMillis(500));
    }

    @Test
    void libpurpleSignsOn() throws Exception {
        requireBuilt();
        try (PurpleProbe purple = probe(newUin(), "--await-im")) {
            assertThat(purple.await("SIGNED_ON", EVENT)).isEqualTo("SIGNED_ON");
        }
    }

    @Test
    void imsGoBothWaysWithNonAsciiTextIntact() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        String purpleUin = newUin();
        String toUs = "Hello from Pidgin — Привет, 日本語, ✓ <b>not bold</b> & \"quoted\"\nsecond line";
        String toPurple = "Reply from the transport — Grüße, 你好, € ✓";

        try (PurpleProbe purple = probe(purpleUin, "--send-im", ours.session().uin(), toUs, "--await-im")) {
            purple.await("SIGNED_ON", EVENT);
            purple.await("IM_SENT", EVENT);
            RecordingListener.Message got = next(ours.events().messages);
            assertThat(got.from()).isEqualTo(purpleUin);
            assertThat(got.text()).isEqualTo(toUs);

            retryWhileOffline(() -> ours.session().sendMessage(purpleUin, toPurple), EVENT).get(1, TimeUnit.SECONDS);
            assertThat(purple.await("IM_RECEIVED", EVENT))
                    .isEqualTo("IM_RECEIVED " + ours.session().uin() + " " + toPurple);
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.session().close();
        }
    }

    /**
     * libpurple reads every ICQ IM as HTML and sends its user's text escaped in {@code <HTML><BODY>}: markup
     * characters, a tag and a typed entity must come out as typed, both ways. Our session sends HTML only because
     * libpurple advertised the HTML-messages capability, so it waits for libpurple's arrival first.
     */
    @Test
    void markupCharactersArriveAsTypedBothWays() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        String purpleUin = newUin();
        String text = "a < b & c > d, <b>not bold</b>, &lt; typed as is";

        try (PurpleProbe purple = probe(purpleUin, "--send-im", ours.session().uin(), text, "--await-im")) {
            purple.await("SIGNED_ON", EVENT);
            purple.await("IM_SENT", EVENT);
            RecordingListener.Message got = next(ours.events().messages);
            assertThat(got.from()).isEqualTo(purpleUin);
            assertThat(got.text()).isEqualTo(text);

            awaitArrival(ours, purpleUin);
            retryWhileOffline(() -> ours.session().sendMessage(purpleUin, text + "\nline two"), EVENT)
                    .get(1, TimeUnit.SECONDS);
            assertThat(purple.await("IM_RAW", EVENT)).as("what libpurple hands its UI, as HTML")
                    .contains("a &lt; b &amp; c &gt; d, &lt;b&gt;not bold&lt;/b&gt;, &amp;lt; typed as is<BR>line two");
            assertThat(purple.await("IM_RECEIVED", EVENT)).as("the text libpurple shows")
                    .isEqualTo("IM_RECEIVED " + ours.session().uin() + " " + text + "\\nline two");
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.session().close();
        }
    }

    /** Waits until {@code ours} has been told {@code uin} is online (with the capabilities it advertised). */
    private static void awaitArrival(Peer ours, String uin) throws Exception {
        long deadline = System.nanoTime() + EVENT.toNanos();
        while (System.nanoTime() < deadline) {
            RecordingListener.PresenceChange change = ours.events().presence.poll(1, TimeUnit.SECONDS);
            if (change != null && change.uin().equals(uin) && change.status() != ContactStatus.OFFLINE) return;
        }
        fail(uin + " never arrived at " + ours.session().uin());
    }

    @Test
    void libpurpleAcceptsAnnouncedRateClassesWithMembersAndKeepsToThem() throws Exception {
        requireBuilt();
        emulator.options().rateClasses(new RateClasses(List.of(
                new RateClass(1, 80, 2500, 2000, 1500, 800, 6000, 6000, 0, false),
                new RateClass(2, 10, 150, 100, 30, 10, 1000, 1000, 0, false)),
                Map.of(1, List.of(RateClasses.member(0x0001, 0x000E), RateClasses.member(0x0013, 0x0004)),
                        2, List.of(RateClasses.member(0x0004, 0x0006), RateClasses.member(0x0004, 0x0014)))));
        Peer ours = signOn();
        String purpleUin = newUin();
        try (PurpleProbe purple = probe(purpleUin, "--send-im", ours.session().uin(), "rated hello", "--await-im")) {
            purple.await("SIGNED_ON", EVENT);
            purple.await("IM_SENT", EVENT);
            assertThat(next(ours.events().messages).text()).isEqualTo("rated hello");

            retryWhileOffline(() -> ours.session().sendMessage(purpleUin, "rated reply"), EVENT)
                    .get(1, TimeUnit.SECONDS);
            assertThat(purple.await("IM_RECEIVED", EVENT))
                    .isEqualTo("IM_RECEIVED " + ours.session().uin() + " rated reply");
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
            assertThat(emulator.rateViolations(purpleUin)).isZero();
            assertThat(emulator.rateViolations(ours.session().uin())).isZero();
        } finally {
            emulator.options().rateClasses(EmulatorOptions.DEFAULT_RATE_CLASSES);
            ours.session().close();
        }
    }

    @Test
    void libpurpleSendsAFileToOurSession() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        int size = 1024 * 1024 + new Random().nextInt(4 * 1024 * 1024);
        Path file = randomFile("Pidgin's photo – фото.bin", size);

        try (PurpleProbe purple = probe(newUin(), "--send-file", ours.session().uin(), file.toString())) {
            purple.await("SIGNED_ON", EVENT);
            IncomingFileOffer offer = ours.events().offers.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
            assertThat(offer).as("no offer from libpurple\n%s", purple.report()).isNotNull();
            assertThat(offer.fileName()).isEqualTo("Pidgin's photo – фото.bin");
            assertThat(offer.size()).isEqualTo(size);
            assertThat(offer.fileCount()).isEqualTo(1);

            HashingSink sink = new HashingSink();
            offer.accept(sink);
            assertThat(sink.sha256.get(60, TimeUnit.SECONDS)).as(purple.report()).isEqualTo(sha256(file));
            assertThat(sink.received).isEqualTo(size);
            assertThat(purple.await("XFER_DONE", EVENT)).endsWith(" " + size);
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.session().close();
        }
    }

    @Test
    void ourSessionSendsAFileToLibpurple() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        int size = 1024 * 1024 + new Random().nextInt(4 * 1024 * 1024);
        String name = "Transport report – отчёт 2024.bin";
        Path file = randomFile(name, size);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String purpleUin = newUin();

        try (PurpleProbe purple = probe(purpleUin, "--receive-file", inbox.toString())) {
            purple.await("SIGNED_ON", EVENT);
            CompletableFuture<Void> sent = offerWhileOffline(() -> ours.session().sendFile(purpleUin, file));

            // libpurple shows the right name: the 0x2711 "name NUL name NUL" workaround (oscar.md §12.5.1)
            assertThat(purple.await("XFER_REQUEST", EVENT))
                    .isEqualTo("XFER_REQUEST " + ours.session().uin() + " " + name + " " + size);
            String done = purple.await("XFER_DONE", Duration.ofSeconds(60));
            assertThat(done).isEqualTo("XFER_DONE " + inbox.resolve(name) + " " + size);
            assertThat(sha256(inbox.resolve(name))).isEqualTo(sha256(file));
            sent.get(30, TimeUnit.SECONDS);
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.session().close();
        }
    }

    /**
     * A libpurple 2.14.1 user who declines a file sends nothing at all (observed: no channel-2 CANCEL, no
     * client error), so the offering side learns of it only by its own offer timeout (oscar.md §6.8: never
     * rely on a CANCEL).
     */
    @Test
    void libpurpleDecliningOurOfferSendsNothingSoOurOfferTimesOut() throws Exception {
        requireBuilt();
        OscarClient impatient = new OscarClient(group, new OscarClientConfig(emulator.address(),
                Duration.ofSeconds(5), Duration.ofSeconds(15), true, Duration.ofSeconds(3)));
        RecordingListener events = new RecordingListener();
        OscarSession ours = impatient.login(newUin(), "pw", events).get(20, TimeUnit.SECONDS);
        Path file = randomFile("unwanted.bin", 10_000);
        String purpleUin = newUin();

        try (PurpleProbe purple = probe(purpleUin, "--decline-file")) {
            purple.await("SIGNED_ON", EVENT);
            CompletableFuture<Void> sent = offerWhileOffline(() -> ours.sendFile(purpleUin, file));
            assertThat(purple.await("XFER_DECLINED", EVENT)).isEqualTo("XFER_DECLINED " + ours.uin());
            assertThat(failureOf(sent, purple)).as(purple.report()).isInstanceOf(TimeoutException.class);
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.close();
        }
    }

    @Test
    void ourSessionDecliningLibpurplesOfferEndsItsTransfer() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        Path file = randomFile("declined.bin", 10_000);

        try (PurpleProbe purple = probe(newUin(), "--send-file", ours.session().uin(), file.toString())) {
            purple.await("SIGNED_ON", EVENT);
            IncomingFileOffer offer = ours.events().offers.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
            assertThat(offer).as("no offer from libpurple\n%s", purple.report()).isNotNull();
            offer.cancel();
            assertThatThrownBy(() -> purple.await("XFER_DONE", EVENT))
                    .hasMessageContaining("XFER_FAILED cancelled by peer");
            assertThat(purple.exitCode(EVENT)).isEqualTo(1);
        } finally {
            ours.session().close();
        }
    }

    @Test
    void libpurplesImToAnOfflineUserIsStoredAndDeliveredAtSignOn() throws Exception {
        requireBuilt();
        String purpleUin = newUin();
        String offline = newUin();
        // libpurple asks the server to store ICQ IMs (TLV 0x0006), so no error comes back (oscar.md §5.7)
        try (PurpleProbe purple = probe(purpleUin, "--send-im", offline, "anyone there?")) {
            purple.await("IM_SENT", EVENT);
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        }
        RecordingListener events = new RecordingListener();
        OscarSession later = client.login(offline, "pw", events).get(20, TimeUnit.SECONDS);
        try {
            RecordingListener.Message got = next(events.messages);
            assertThat(got.from()).isEqualTo(purpleUin);
            assertThat(got.text()).isEqualTo("anyone there?");
        } finally {
            later.close();
        }
    }

    private static Throwable failureOf(CompletableFuture<?> future, PurpleProbe purple) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the transfer succeeded\n" + purple.report());
    }

    /**
     * Two libpurple users on our emulator: libpurple writes 0x2711 as {@code name NUL}, which libpurple itself
     * cannot read (oscar.md §12.5.1), so this passes only because the emulator rewrites the name on relay. The
     * emulator's verified IP (0x0004) lets the receiver connect directly (stage 1), with no proxy.
     */
    @Test
    void libpurpleSendsAFileToAnotherLibpurpleThroughTheEmulator() throws Exception {
        requireBuilt();
        int size = 1024 * 1024 + new Random().nextInt(1024 * 1024);
        String name = "from Pidgin to Pidgin – файл.bin";
        Path file = randomFile(name, size);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String receiverUin = newUin();
        String senderUin = newUin();

        try (PurpleProbe receiver = probe(receiverUin, "--receive-file", inbox.toString())) {
            receiver.await("SIGNED_ON", EVENT);
            awaitOnline(receiverUin);
            try (PurpleProbe sender = probe(senderUin, "--send-file", receiverUin, file.toString())) {
                assertThat(receiver.await("XFER_REQUEST", EVENT))
                        .as(sender.report()).isEqualTo("XFER_REQUEST " + senderUin + " " + name + " " + size);
                assertThat(receiver.await("XFER_DONE", Duration.ofSeconds(60)))
                        .isEqualTo("XFER_DONE " + inbox.resolve(name) + " " + size);
                assertThat(sha256(inbox.resolve(name))).isEqualTo(sha256(file));
                assertThat(sender.await("XFER_DONE", EVENT)).endsWith(" " + size);
                assertThat(sender.exitCode(EVENT)).as(sender.report()).isZero();
            }
            assertThat(receiver.exitCode(EVENT)).as(receiver.report()).isZero();
        }
    }

    @Test
    void libpurplesAwayMessageReachesOurClient() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        String purpleUin = newUin();
        try (PurpleProbe purple = probe(purpleUin, "--commands")) {
            purple.await("SIGNED_ON", EVENT);
            purple.send("status away Out to lunch — back at 2 ✓");
            purple.await("STATUS_SET", EVENT);
            awaitPresence(ours, purpleUin, ContactStatus.AWAY, "Out to lunch — back at 2 ✓");

            purple.send("status dnd");
            awaitPresence(ours, purpleUin, ContactStatus.DND, null);
            purple.send("quit");
            assertThat(purple.exitCode(EVENT)).as(purple.report()).isZero();
        } finally {
            ours.session().close();
        }
    }

    @Test
    void ourStatusAndAwayTextReachLibpurple() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        String ourUin = ours.session().uin();
        try (PurpleProbe purple = probe(newUin(), "--commands")) {
            purple.await("SIGNED_ON", EVENT);
            purple.send("watch " + ourUin);
            purple.awaitExactly("BUDDY_STATUS " + ourUin + " available ", EVENT);

            ours.session().setStatus(ContactStatus.AWAY, "In a meeting — Grüße ✓").get(10, TimeUnit.SECONDS);
            purple.awaitExactly("BUDDY_STATUS " + ourUin + " away In a meeting — Grüße ✓", EVENT);
            ours.session().setStatus(ContactStatus.OCCUPIED, null).get(10, TimeUnit.SECONDS);
            purple.awaitExactly("BUDDY_STATUS " + ourUin + " occupied ", EVENT);
            ours.session().setStatus(ContactStatus.ONLINE, null).get(10, TimeUnit.SECONDS);
            purple.awaitExactly("BUDDY_STATUS " + ourUin + " available ", EVENT);
        } finally {
            ours.session().close();
        }
    }

    @Test
    void typingNoticesGoBothWays() throws Exception {
        requireBuilt();
        Peer ours = signOn();
        String ourUin = ours.session().uin();
        String purpleUin = newUin();
        try (PurpleProbe purple = probe(purpleUin, "--commands")) {
            purple.await("SIGNED_ON", EVENT);
            // libpurple forgets that a contact wants typing notices whenever the contact's arrival comes in, so
            // let it see ours before the IM that asks for them (TLV 0x000B)
            purple.send("watch " + ourUin);
            purple.awaitExactly("BUDDY_STATUS " + ourUin + " available ", EVENT);
            retryWhileOffline(() -> ours.session().sendMessage(purpleUin, "hi"), EVENT).get(1, TimeUnit.SECONDS);
            purple.await("IM_RECEIVED", EVENT);

            ours.session().sendTyping(purpleUin, TypingState.TYPING).get(10, TimeUnit.SECONDS);
            assertThat(purple.await("TYPING", EVENT)).isEqualTo("TYPING " + ourUin + " typing");
            ours.session().sendTyping(purpleUin, TypingState.PAUSED).get(10, TimeUnit.SECONDS);
            assertThat(purple.await("TYPING", EVENT)).isEqualTo("TYPING " + ourUin + " typed");
            ours.session().sendTyping(purpleUin, TypingState.STOPPED).get(10, TimeUnit.SECONDS);
            assertThat(purple.await("TYPING", EVENT)).isEqualTo("TYPING " + ourUin + " stopped");

            // A second arrival of ours can reach libpurple after the first IM (the emulator sends one per list or
            // status change) and reset that flag again; one more IM, now that sign-on has settled, re-arms it.
            ours.session().sendMessage(purpleUin, "and now you").get(10, TimeUnit.SECONDS);
            purple.await("IM_RECEIVED", EVENT);
            purple.send("typing " + ourUin + " typing");
            purple.await("TYPING_SENT", EVENT);
            assertThat(nextTyping(ours, purple)).isEqualTo(new RecordingListener.Typing(purpleUin, TypingState.TYPING));
            purple.send("typing " + ourUin + " typed");
            assertThat(nextTyping(ours, purple)).isEqualTo(new RecordingListener.Typing(purpleUin, TypingState.PAUSED));
            purple.send("typing " + ourUin + " stopped");
            assertThat(nextTyping(ours, purple))
                    .isEqualTo(new RecordingListener.Typing(purpleUin, TypingState.STOPPED));
        } finally {
            ours.session().close();
        }
    }

    private static RecordingListener.Typing nextTyping(Peer ours, PurpleProbe purple) throws InterruptedException {
        RecordingListener.Typing typing = ours.events().typing.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
        if (typing == null) {
            fail("no typing notice from libpurple reached our session\n" + purple.report());
        }
        return typing;
    }

    /** Waits until our session reports {@code uin} with {@code status} and {@code message}, skipping other reports. */
    private static void awaitPresence(Peer ours, String uin, ContactStatus status, String message)
            throws InterruptedException {
        RecordingListener.PresenceChange wanted = new RecordingListener.PresenceChange(uin, status, message);
        List<RecordingListener.PresenceChange> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + EVENT.toNanos();
        while (System.nanoTime() < deadline) {
            RecordingListener.PresenceChange change = ours.events().presence.poll(1, TimeUnit.SECONDS);
            if (change == null) {
                continue;
            }
            if (change.equals(wanted)) {
                return;
            }
            seen.add(change);
        }
        fail("our session never saw " + wanted + "; it saw " + seen);
    }
}
