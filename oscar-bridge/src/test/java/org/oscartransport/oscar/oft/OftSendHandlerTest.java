package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;
import static org.oscartransport.oscar.oft.OftTestSupport.checksum;
import static org.oscartransport.oscar.oft.OftTestSupport.encode;
import static org.oscartransport.oscar.oft.OftTestSupport.random;
import static org.oscartransport.oscar.oft.OftTestSupport.readHeader;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.DataInputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender over real loopback sockets, with a blocking socket playing the receiving peer. */
class OftSendHandlerTest {

    private static EventLoopGroup group;
    private Channel server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

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

    private Socket connectToSender(Path file, long checksum) throws Exception {
        return connectToSender(file, checksum, Duration.ofSeconds(30));
    }

    private Socket connectToSender(Path file, long checksum, Duration idleTimeout) throws Exception {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new OftSendHandler(COOKIE, "name.bin", file, checksum, done,
                                idleTimeout));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        Socket socket = new Socket();
        socket.connect(server.localAddress());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Path file(byte[] data) throws Exception {
        Path file = dir.resolve("f.bin");
        Files.write(file, data);
        return file;
    }

    @Test
    void sendsPromptAtOnceThenTheFileAfterAckAndCompletesOnDone() throws Exception {
        byte[] data = random(300_001, 1);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            assertThat(prompt.type()).isEqualTo(OftFrameType.PROMPT);
            assertThat(prompt.cookie()).isEqualTo(COOKIE);
            assertThat(prompt.flags()).isEqualTo(0x20);
            assertThat(prompt.idString()).isEqualTo("Cool FileXfer");
            assertThat(prompt.totalFiles()).isEqualTo(1);
            assertThat(prompt.filesLeft()).isEqualTo(1);
            assertThat(prompt.size()).isEqualTo(data.length);
            assertThat(prompt.totalSize()).isEqualTo(data.length);
            assertThat(prompt.checksum()).isEqualTo(checksum(data));
            assertThat(prompt.fileName()).isEqualTo("name.bin");
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.ACK).build()));
            byte[] got = new byte[data.length];
            new DataInputStream(peer.getInputStream()).readFully(got);
            assertThat(got).isEqualTo(data);
            assertThat(done).isNotDone();
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.DONE)
                    .receivedBytes(data.length).receivedChecksum(checksum(data)).flags(1).build()));
            done.get(10, TimeUnit.SECONDS);
            assertThat(peer.getInputStream().read()).as("sender closes on DONE").isEqualTo(-1);
        }
    }

    @Test
    void ackWithAnotherCookieFailsAndCloses() throws Exception {
        byte[] data = random(1000, 2);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.ACK)
                    .cookie(new byte[8]).build()));
            assertThat(peer.getInputStream().read()).as("no file bytes, just EOF").isEqualTo(-1);
        }
        assertFailed("different cookie");
    }

    @Test
    void resumeWithAWrongChecksumRestartsFromZero() throws Exception {
        byte[] data = random(50_000, 3);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.RESUME)
                    .receivedBytes(20_000).receivedChecksum(0x12340000L).build()));
            OftHeader accept = readHeader(peer.getInputStream());
            assertThat(accept.type()).isEqualTo(OftFrameType.RESUME_ACCEPT);
            assertThat(accept.cookie()).isEqualTo(COOKIE);
            assertThat(accept.receivedBytes()).isZero();
            assertThat(accept.receivedChecksum()).isEqualTo(0xFFFF0000L);
            assertThat(accept.resourceForkReceivedChecksum()).isEqualTo(0xFFFF0000L);
            peer.getOutputStream().write(encode(accept.toBuilder().type(OftFrameType.RESUME_ACK).build()));
            byte[] got = new byte[data.length];
            new DataInputStream(peer.getInputStream()).readFully(got);
            assertThat(got).isEqualTo(data);
            peer.getOutputStream().write(encode(accept.toBuilder().type(OftFrameType.DONE)
                    .receivedBytes(data.length).build()));
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void resumeWithTheRightChecksumContinuesAtTheOffset() throws Exception {
        byte[] data = random(50_001, 4);
        int have = 20_001;
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            long prefix = checksum(Arrays.copyOf(data, have));
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.RESUME)
                    .receivedBytes(have).receivedChecksum(prefix).build()));
            OftHeader accept = readHeader(peer.getInputStream());
            assertThat(accept.type()).isEqualTo(OftFrameType.RESUME_ACCEPT);
            assertThat(accept.receivedBytes()).isEqualTo(have);
            assertThat(accept.receivedChecksum()).isEqualTo(prefix);
            peer.getOutputStream().write(encode(accept.toBuilder().type(OftFrameType.RESUME_ACK).build()));
            byte[] got = new byte[data.length - have];
            new DataInputStream(peer.getInputStream()).readFully(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(data, have, data.length));
            peer.getOutputStream().write(encode(accept.toBuilder().type(OftFrameType.DONE)
                    .receivedBytes(data.length).build()));
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eofBeforeDoneFails() throws Exception {
        byte[] data = random(10_000, 5);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.ACK).build()));
            new DataInputStream(peer.getInputStream()).readFully(new byte[data.length]);
        }
        assertFailed("before the receiver's DONE");
    }

    @Test
    void unexpectedFrameFails() throws Exception {
        byte[] data = random(10, 6);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            peer.getOutputStream().write(encode(prompt)); // a PROMPT back at the sender
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailed("unexpected OFT frame PROMPT");
    }

    @Test
    void doneInsteadOfAckMeansTheReceiverAlreadyHasIt() throws Exception {
        byte[] data = random(10, 7);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            OftHeader prompt = readHeader(peer.getInputStream());
            peer.getOutputStream().write(encode(prompt.toBuilder().type(OftFrameType.DONE)
                    .receivedBytes(data.length).build()));
            assertThat(peer.getInputStream().read()).as("no file bytes").isEqualTo(-1);
        }
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesFilesOf4GiBAndMore() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(0x1_0000_0000L); // sparse
        }
        try (Socket peer = connectToSender(big, 0)) {
            assertThat(peer.getInputStream().read()).as("not even a PROMPT").isEqualTo(-1);
        }
        assertFailed("at most 4 GiB");
    }

    @Test
    void silentReceiverTimesOut() throws Exception {
        byte[] data = random(10, 9);
        try (Socket peer = connectToSender(file(data), checksum(data), Duration.ofMillis(300))) {
            readHeader(peer.getInputStream()); // and never answer
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailed("idle");
    }

    @Test
    void cancellingDoneClosesTheConnection() throws Exception {
        byte[] data = random(10, 8);
        try (Socket peer = connectToSender(file(data), checksum(data))) {
            readHeader(peer.getInputStream());
            done.cancel(false);
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
    }

    private void assertFailed(String message) {
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OftTransferException.class).hasMessageContaining(message);
    }
}
