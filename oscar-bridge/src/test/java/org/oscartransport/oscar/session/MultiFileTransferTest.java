package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.oft.OftDataSink;

/** Several files in one rendezvous (oscar.md §8.7), our client to our client through the emulator. */
class MultiFileTransferTest {

    private static final AtomicInteger NEXT_UIN = new AtomicInteger(470_000);

    private static EventLoopGroup group;
    private static OscarEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterAll
    static void stop() {
        emulator.close();
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

    private Path file(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Collects each file separately, as the per-file calls delimit them. */
    private static class PerFileSink implements OftDataSink {
        record Received(String name, long announced, byte[] bytes) {}

        final List<Received> files = new ArrayList<>();
        final CompletableFuture<List<Received>> result = new CompletableFuture<>();
        final List<String> calls = new ArrayList<>();
        long startSize = -1;
        private String name;
        private long announced;
        private java.io.ByteArrayOutputStream current;

        @Override
        public void onStart(Channel dataChannel, long size) {
            startSize = size;
            calls.add("start");
        }

        @Override
        public void onFileStart(String name, long size) {
            calls.add("file");
            this.name = name;
            this.announced = size;
            this.current = new java.io.ByteArrayOutputStream();
        }

        @Override
        public void onData(ByteBuf data) {
            try {
                byte[] bytes = new byte[data.readableBytes()];
                data.readBytes(bytes);
                current.writeBytes(bytes);
            } finally {
                data.release();
            }
        }

        @Override
        public void onFileEnd() {
            calls.add("end");
            files.add(new Received(name, announced, current.toByteArray()));
        }

        @Override
        public void onComplete() {
            result.complete(files);
        }

        @Override
        public void onFailure(Throwable cause) {
            result.completeExceptionally(cause);
        }
    }

    @Test
    void threeFilesOneEmptyArriveSeparatelyInOneSession() throws Exception {
        Path a = file("a.txt", 1000);
        Path empty = file("empty.dat", 0);
        Path big = file("big.bin", 3 * 1024 * 1024 + 7);
        Peer contact = signOn();
        Peer user = signOn();

        CompletableFuture<Void> sent = contact.session().sendFiles(user.session().uin(), "holiday",
                List.of(a, empty, big));
        IncomingFileOffer offer = next(user.events().offers);
        assertThat(offer.fileCount()).isEqualTo(3);
        assertThat(offer.isFolder()).isTrue();
        assertThat(offer.fileName()).isEqualTo("holiday");
        assertThat(offer.size()).isEqualTo(1000 + 3 * 1024 * 1024 + 7);

        PerFileSink sink = new PerFileSink();
        offer.accept(sink);
        List<PerFileSink.Received> got = sink.result.get(30, TimeUnit.SECONDS);
        sent.get(10, TimeUnit.SECONDS);

        assertThat(sink.startSize).isEqualTo(offer.size());
        assertThat(sink.calls).containsExactly("start", "file", "end", "file", "end", "file", "end");
        assertThat(got).extracting(PerFileSink.Received::name)
                .containsExactly("holiday\u0001a.txt", "holiday\u0001empty.dat", "holiday\u0001big.bin");
        assertThat(got).extracting(PerFileSink.Received::announced).containsExactly(1000L, 0L, 3L * 1024 * 1024 + 7);
        assertThat(sha256(got.get(0).bytes())).isEqualTo(sha256(Files.readAllBytes(a)));
        assertThat(got.get(1).bytes()).isEmpty();
        assertThat(sha256(got.get(2).bytes())).isEqualTo(sha256(Files.readAllBytes(big)));
        contact.session().close();
        user.session().close();
    }

    @Test
    void aSinkRefusingTheSecondFileFailsBothSides() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("d\u0001one", file("one", 10));
        files.put("d\u0001..\u0001two", file("two", 20));
        Peer contact = signOn();
        Peer user = signOn();

        CompletableFuture<Void> sent = contact.session().sendNamedFiles(user.session().uin(), "d", files);
        IncomingFileOffer offer = next(user.events().offers);
        PerFileSink sink = new PerFileSink() {
            @Override
            public void onFileStart(String name, long size) {
                if (name.contains("..")) {
                    throw new IllegalArgumentException("refused " + name);
                }
                super.onFileStart(name, size);
            }
        };
        offer.accept(sink);

        assertThatThrownBy(() -> sink.result.get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> sent.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(sink.files).hasSize(1);
        contact.session().close();
        user.session().close();
    }

    @Test
    void anEmptySingleFileIsOfferedAndCompletes() throws Exception {
        Path empty = file("nothing.txt", 0);
        Peer contact = signOn();
        Peer user = signOn();

        CompletableFuture<Void> sent = contact.session().sendFile(user.session().uin(), empty);
        IncomingFileOffer offer = next(user.events().offers);
        assertThat(offer.fileCount()).isEqualTo(1);
        assertThat(offer.size()).isZero();
        assertThat(offer.isFolder()).isFalse();

        HashingSink sink = new HashingSink();
        offer.accept(sink);
        assertThat(sink.sha256.get(15, TimeUnit.SECONDS)).isEqualTo(sha256(new byte[0]));
        sent.get(10, TimeUnit.SECONDS);
        contact.session().close();
        user.session().close();
    }
}
