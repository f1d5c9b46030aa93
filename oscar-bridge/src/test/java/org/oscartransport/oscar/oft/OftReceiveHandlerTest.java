package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;
import static org.oscartransport.oscar.oft.OftTestSupport.checksum;
import static org.oscartransport.oscar.oft.OftTestSupport.encode;
import static org.oscartransport.oscar.oft.OftTestSupport.random;
import static org.oscartransport.oscar.oft.OftTestSupport.readHeader;
import static org.oscartransport.oscar.oft.OftTestSupport.sha256;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The receiver over real loopback sockets, with a blocking socket playing the sending peer. */
class OftReceiveHandlerTest {

    private static EventLoopGroup group;
    private Channel server;

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

    private Socket connectToReceiver(OftDataSink sink, Duration idleTimeout) throws Exception {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new OftReceiveHandler(COOKIE, sink, idleTimeout));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        Socket socket = new Socket();
        socket.connect(server.localAddress());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Socket connectToReceiver(OftDataSink sink) throws Exception {
        return connectToReceiver(sink, Duration.ofSeconds(30));
    }

    @Test
    void receivesAFileAnswersAckAndDoneAndCloses() throws Exception {
        byte[] data = random(1024 * 1024 + 3, 1);
        RecordingSink sink = new RecordingSink();
        // libpurple's first PROMPT carries an all-zero cookie: it must be accepted
        OftHeader prompt = OftHeader.prompt(new byte[8], "f.bin", data.length, checksum(data));
        try (Socket peer = connectToReceiver(sink)) {
            OutputStream out = peer.getOutputStream();
            InputStream in = peer.getInputStream();
            out.write(encode(prompt));
            OftHeader ack = readHeader(in);
            assertThat(ack).isEqualTo(prompt.toBuilder().type(OftFrameType.ACK).cookie(COOKIE).build());
            out.write(data);
            OftHeader done = readHeader(in);
            assertThat(done.type()).isEqualTo(OftFrameType.DONE);
            assertThat(done.cookie()).isEqualTo(COOKIE);
            assertThat(done.receivedBytes()).isEqualTo(data.length);
            assertThat(done.receivedChecksum()).isEqualTo(checksum(data));
            assertThat(done.flags()).isEqualTo(OftHeader.FLAG_DONE);
            assertThat(done.resourceForkReceivedChecksum()).isEqualTo(0xFFFF0000L);
            assertThat(done.size()).isEqualTo(data.length);
            assertThat(in.read()).as("receiver closes after DONE").isEqualTo(-1);
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        assertThat(sink.announcedSize).isEqualTo(data.length);
        assertThat(sink.bytesKept()).isEqualTo(data);
        sink.channel.closeFuture().sync();
        assertThat(sink.events).containsExactly("start", "complete");
    }

    @Test
    void zeroByteFileGetsAckThenDoneAtOnce() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "empty", 0, 0xFFFF0000L)));
            assertThat(readHeader(peer.getInputStream()).type()).isEqualTo(OftFrameType.ACK);
            OftHeader done = readHeader(peer.getInputStream());
            assertThat(done.type()).isEqualTo(OftFrameType.DONE);
            assertThat(done.receivedBytes()).isZero();
            assertThat(done.receivedChecksum()).isEqualTo(0xFFFF0000L);
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        assertThat(sink.events).containsExactly("start", "complete");
        assertThat(sink.bytes).isZero();
    }

    @Test
    void checksumMismatchIsOnlyLogged() throws Exception {
        byte[] data = random(1000, 2);
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "f", data.length, 0x12340000L)));
            readHeader(peer.getInputStream());
            peer.getOutputStream().write(data);
            assertThat(readHeader(peer.getInputStream()).receivedChecksum()).isEqualTo(checksum(data));
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        assertThat(sink.bytesKept()).isEqualTo(data);
    }

    @Test
    void aSinkThatWantsNoChecksumGetsTheBytesAndTheDoneCarriesThePeersOwn() throws Exception {
        byte[] data = random(1000, 2);
        RecordingSink sink = new RecordingSink() {
            @Override
            public boolean wantsChecksum() {
                return false;
            }
        };
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "f", data.length, 0x12340000L)));
            readHeader(peer.getInputStream());
            peer.getOutputStream().write(data);
            assertThat(readHeader(peer.getInputStream()).receivedChecksum()).isEqualTo(0x12340000L);
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        assertThat(sink.bytesKept()).isEqualTo(data);
    }

    @Test
    void throttlingSinkGetsEveryByteAndNothingWhilePaused() throws Exception {
        byte[] data = random(4 * 1024 * 1024, 3);
        ThrottlingSink sink = new ThrottlingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "big", data.length, checksum(data))));
            readHeader(peer.getInputStream());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    peer.getOutputStream().write(data);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            OftHeader done = readHeader(peer.getInputStream());
            writer.get(30, TimeUnit.SECONDS);
            assertThat(done.receivedBytes()).isEqualTo(data.length);
        }
        sink.outcome.get(30, TimeUnit.SECONDS);
        sink.channel.closeFuture().sync();
        assertThat(sink.sha256()).isEqualTo(sha256(data));
        assertThat(sink.pauses).as("the sink really throttled").isGreaterThan(10);
        assertThat(sink.deliveredWhilePaused).as("no bytes read ahead while autoRead was off").isZero();
        // one socket read at most is in flight per pause: far below the file size
        assertThat(sink.maxHeld).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void peerClosingMidFileFailsOnce() throws Exception {
        byte[] data = random(100_000, 4);
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "f", data.length, checksum(data))));
            readHeader(peer.getInputStream());
            peer.getOutputStream().write(data, 0, 40_000);
        }
        assertFailure(sink, "closed after");
        sink.channel.closeFuture().sync();
        assertThat(sink.events).containsExactly("start", "failure");
        assertThat(sink.bytes).isEqualTo(40_000);
    }

    @Test
    void badMagicFailsCleanly() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            byte[] frame = encode(OftHeader.prompt(COOKIE, "f", 1, 0));
            frame[0] = 'X';
            peer.getOutputStream().write(frame);
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailure(sink, "magic");
        assertThat(sink.events).containsExactly("failure");
    }

    @Test
    void hugeHeaderLengthFailsWithoutWaitingForTheRest() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(new byte[] {'O', 'F', 'T', '2', (byte) 0xFF, (byte) 0xF0});
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailure(sink, "length 65520");
    }

    @Test
    void truncatedHeaderFailsAtEof() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            byte[] frame = encode(OftHeader.prompt(COOKIE, "f", 1, 0));
            peer.getOutputStream().write(frame, 0, 100);
            peer.shutdownOutput();
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailure(sink, "before the OFT PROMPT");
        assertThat(sink.events).containsExactly("failure");
    }

    @Test
    void unexpectedFirstFrameFails() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Socket peer = connectToReceiver(sink)) {
            peer.getOutputStream().write(encode(OftHeader.prompt(COOKIE, "f", 1, 0).toBuilder()
                    .type(OftFrameType.DONE).build()));
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailure(sink, "expected an OFT PROMPT, got DONE");
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();
        try (Socket peer = connectToReceiver(sink, Duration.ofMillis(300))) {
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertFailure(sink, "silent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    private static void assertFailure(RecordingSink sink, String message) {
        assertThatThrownBy(() -> sink.outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessageContaining(message);
    }
}
