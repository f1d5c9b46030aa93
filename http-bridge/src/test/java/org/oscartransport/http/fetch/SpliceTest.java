package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.http.fetch.FetchFixture.LOOPBACK;
import static org.oscartransport.http.fetch.FetchFixture.probe;
import static org.oscartransport.http.fetch.ScriptedServer.answer;
import static org.oscartransport.http.fetch.ScriptedServer.head;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.splice.Splice;
import org.oscartransport.testsupport.DigestingReader;

/**
 * A body fetched on native epoll into a sink that names a splice target: a connection, on the fetch's loop, to a
 * blocking reader. The server closes as soon as it has sent the body, as plain HTTP/1.0-style servers do.
 */
class SpliceTest {

    private EventLoopGroup group;
    private UrlFetcher fetcher;
    private ScriptedServer server;
    private DigestingReader reader;
    private Channel target;

    @BeforeEach
    void setUp() {
        assertThat(Epoll.isAvailable()).as("native epoll: %s", Epoll.unavailabilityCause()).isTrue();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        fetcher = new UrlFetcher(group, EpollSocketChannel::new, LOOPBACK, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        if (target != null) target.close().sync();
        if (reader != null) reader.close();
        fetcher.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aBodyBeyondTheReceiveBufferIsSplicedWholeAndEndsByItsCount() throws Exception {
        byte[] data = randomBytes((int) Splice.receiveBufferLimit() + 16 * 1024 * 1024);
        server = new ScriptedServer((request, out) -> answer(request, out, 200, data, "Connection: close"));
        reader = DigestingReader.start();
        SplicingSink sink = new SplicingSink(connectTarget());

        fetcher.stream(probe(fetcher, server.url("/big.iso")), sink, target.eventLoop());

        sink.done.get(30, TimeUnit.SECONDS);
        assertThat(reader.received().get(30, TimeUnit.SECONDS).sha256()).as("the reader got the body, in order")
                .isEqualTo(sha256(data));
        assertThat(sink.spliced.get()).as("all but the tail went around the decoder")
                .isGreaterThan(8L * 1024 * 1024).isLessThanOrEqualTo(data.length - Splice.receiveBufferLimit());
        assertThat(sink.spliced.get() + sink.viaOnData.get()).isEqualTo(data.length);
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    @Test
    void aServerHangingUpMidSpliceFailsTheFetchWithWhatGotThrough() throws Exception {
        long size = Splice.receiveBufferLimit() + 16L * 1024 * 1024;
        server = new ScriptedServer((request, out) -> {
            head(out, 200, "Content-Length: " + size);
            if (request.method().equals("GET")) out.write(new byte[8 * 1024 * 1024]); // then it hangs up
        });
        reader = DigestingReader.start();
        SplicingSink sink = new SplicingSink(connectTarget());

        fetcher.stream(probe(fetcher, server.url("/cut.iso")), sink, target.eventLoop());

        assertThat(sink.done).failsWithin(Duration.ofSeconds(20)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(FetchFailedException.class).withMessageContaining("closed after");
        assertThat(sink.spliced.get() + sink.viaOnData.get()).isLessThanOrEqualTo(8L * 1024 * 1024);
        assertThat(sink.terminalCalls.get()).isEqualTo(1);
    }

    private Channel connectTarget() throws Exception {
        EventLoop loop = group.next();
        target = new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(reader.address()).sync().channel();
        return target;
    }

    /** Passes the body on to the reader's connection, whichever way it comes. */
    private static final class SplicingSink implements FetchSink {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong spliced = new AtomicLong();
        final AtomicLong viaOnData = new AtomicLong();
        final AtomicInteger terminalCalls = new AtomicInteger();
        private final Channel target;

        SplicingSink(Channel target) {
            this.target = target;
        }

        @Override
        public void onStart(Channel channel, long size) {}

        @Override
        public Channel spliceTarget() {
            return target;
        }

        @Override
        public void onSpliced(int bytes) {
            spliced.addAndGet(bytes);
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
            terminalCalls.incrementAndGet();
            target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            done.complete(null);
        }

        @Override
        public void onFailure(Throwable cause) {
            terminalCalls.incrementAndGet();
            target.close();
            done.completeExceptionally(cause);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
