package org.oscartransport.oscar.oft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.oft.OftTestSupport.COOKIE;
import static org.oscartransport.oscar.oft.OftTestSupport.checksum;
import static org.oscartransport.oscar.oft.OftTestSupport.encode;
import static org.oscartransport.oscar.oft.OftTestSupport.random;
import static org.oscartransport.oscar.oft.OftTestSupport.readHeader;
import static org.oscartransport.oscar.oft.OftTestSupport.sha256;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.testsupport.DigestingReader;

/**
 * The receiver splicing a file socket to socket on native epoll: a blocking socket plays the sending peer, a
 * blocking reader the download's client, and the sink names the connection to that reader as its target.
 */
class OftSpliceTest {

    /** The end of a file is never spliced (see Splice.unsafeTail): files here are that much bigger. */
    private static final int UNSAFE_TAIL = (int) org.oscartransport.splice.Splice.receiveBufferLimit();

    private static EventLoopGroup group;
    private EventLoop loop;
    private Channel server;
    private Channel target;
    private DigestingReader reader;

    @BeforeAll
    static void startGroup() {
        assertThat(UNSAFE_TAIL).as("the kernel's receive buffer limit, read from tcp_rmem")
                .isGreaterThanOrEqualTo(128 * 1024);
        assertThat(Epoll.isAvailable()).as("native epoll (netty-transport-native-epoll): %s",
                Epoll.unavailabilityCause()).isTrue();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) server.close().syncUninterruptibly();
        if (target != null) target.close().syncUninterruptibly();
        if (reader != null) reader.close();
    }

    private CompletableFuture<DigestingReader.Received> startReader(DigestingReader started) {
        reader = started;
        return started.received();
    }

    /** The connection to the reader and the receiver's listener, all on one event loop, as the transport has them. */
    private Socket connect(SplicingSink sink) throws Exception {
        loop = group.next();
        target = new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(reader.address()).sync().channel();
        sink.target = target;
        server = new ServerBootstrap().group(loop, loop).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new OftReceiveHandler(COOKIE, sink, Duration.ofSeconds(30)));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        Socket peer = new Socket();
        peer.connect(server.localAddress());
        peer.setSoTimeout(10_000);
        return peer;
    }

    @Test
    void theFileGoesSocketToSocketAndDoneCarriesEveryByte() throws Exception {
        byte[] data = random(UNSAFE_TAIL + 8 * 1024 * 1024 + 5, 11);
        CompletableFuture<DigestingReader.Received> read = startReader(DigestingReader.start());
        SplicingSink sink = new SplicingSink();
        OftHeader prompt = OftHeader.prompt(COOKIE, "big.bin", data.length, checksum(data));
        try (Socket peer = connect(sink)) {
            OutputStream out = peer.getOutputStream();
            InputStream in = peer.getInputStream();
            out.write(encode(prompt));
            assertThat(readHeader(in).type()).isEqualTo(OftFrameType.ACK);
            out.write(data);
            OftHeader done = readHeader(in);
            assertThat(done.type()).isEqualTo(OftFrameType.DONE);
            assertThat(done.receivedBytes()).isEqualTo(data.length);
            assertThat(done.receivedChecksum()).isEqualTo(checksum(data));
            assertThat(in.read()).as("receiver closes after DONE").isEqualTo(-1);
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        DigestingReader.Received got = read.get(10, TimeUnit.SECONDS);
        assertThat(got.bytes()).isEqualTo(data.length);
        assertThat(got.sha256()).as("the reader got the file, in order").isEqualTo(sha256(data));
        assertThat(sink.spliced.get()).as("the bytes went around the pipeline, all but the unsafe tail")
                .isGreaterThan(4 * 1024 * 1024)
                .isLessThanOrEqualTo(data.length - UNSAFE_TAIL);
        assertThat(sink.spliced.get() + sink.viaOnData.get()).isEqualTo(data.length);
        assertThat(sink.splicedChunks.get()).as("progress came in chunks").isGreaterThan(1);
    }

    @Test
    void aSenderThatClosesRightAfterItsLastByteStillDeliversTheWholeFile() throws Exception {
        byte[] data = random(UNSAFE_TAIL + 6 * 1024 * 1024 + 1, 14);
        CompletableFuture<DigestingReader.Received> read = startReader(DigestingReader.start());
        SplicingSink sink = new SplicingSink();
        try (Socket peer = connect(sink)) {
            OutputStream out = peer.getOutputStream();
            out.write(encode(OftHeader.prompt(COOKIE, "big.bin", data.length, checksum(data))));
            assertThat(readHeader(peer.getInputStream()).type()).isEqualTo(OftFrameType.ACK);
            out.write(data);
            // closed without waiting for DONE, as libpurple's sender may (§12.4)
        }
        sink.outcome.get(10, TimeUnit.SECONDS);
        DigestingReader.Received got = read.get(10, TimeUnit.SECONDS);
        assertThat(got.bytes()).isEqualTo(data.length);
        assertThat(got.sha256()).isEqualTo(sha256(data));
        assertThat(sink.spliced.get()).as("most of it was spliced").isGreaterThan(5 * 1024 * 1024);
    }

    @Test
    void theReaderHangingUpMidFileFailsTheTransferAndClosesThePeer() throws Exception {
        byte[] data = random(UNSAFE_TAIL + 16 * 1024 * 1024, 12);
        CompletableFuture<DigestingReader.Received> read = startReader(DigestingReader.hangingUpAfter(1024 * 1024));
        SplicingSink sink = new SplicingSink();
        try (Socket peer = connect(sink)) {
            OutputStream out = peer.getOutputStream();
            out.write(encode(OftHeader.prompt(COOKIE, "big.bin", data.length, checksum(data))));
            assertThat(readHeader(peer.getInputStream()).type()).isEqualTo(OftFrameType.ACK);
            try {
                out.write(data);
            } catch (java.io.IOException e) {
                // the receiver closed while we were still writing: expected
            }
            assertThat(read.get(10, TimeUnit.SECONDS).bytes()).isGreaterThanOrEqualTo(1024 * 1024);
            assertThat(sink.outcome).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class);
            assertThat(sink.spliced.get() + sink.viaOnData.get()).isLessThan(data.length);
        }
    }

    @Test
    void thePeerHangingUpMidFileFailsTheTransfer() throws Exception {
        byte[] data = random(UNSAFE_TAIL + 16 * 1024 * 1024, 13);
        startReader(DigestingReader.start());
        SplicingSink sink = new SplicingSink();
        try (Socket peer = connect(sink)) {
            OutputStream out = peer.getOutputStream();
            out.write(encode(OftHeader.prompt(COOKIE, "big.bin", data.length, checksum(data))));
            assertThat(readHeader(peer.getInputStream()).type()).isEqualTo(OftFrameType.ACK);
            out.write(data, 0, data.length / 2);
            out.flush();
        }
        assertThat(sink.outcome).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("closed");
    }

    /** Passes bytes on to the reader's connection, whichever way they come. */
    private static final class SplicingSink implements OftDataSink {
        volatile Channel target;
        final AtomicLong spliced = new AtomicLong();
        final AtomicLong splicedChunks = new AtomicLong();
        final AtomicLong viaOnData = new AtomicLong();
        final CompletableFuture<Void> outcome = new CompletableFuture<>();

        @Override
        public void onStart(Channel dataChannel, long size) {}

        @Override
        public Channel spliceTarget() {
            return target;
        }

        @Override
        public void onSpliced(int bytes) {
            spliced.addAndGet(bytes);
            splicedChunks.incrementAndGet();
        }

        @Override
        public void onData(ByteBuf data) {
            viaOnData.addAndGet(data.readableBytes());
            target.write(data);
        }

        @Override
        public void onReadBatchComplete() {
            target.flush();
        }

        @Override
        public void onComplete() {
            target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            outcome.complete(null);
        }

        @Override
        public void onFailure(Throwable cause) {
            target.close();
            outcome.completeExceptionally(cause);
        }
    }
}
