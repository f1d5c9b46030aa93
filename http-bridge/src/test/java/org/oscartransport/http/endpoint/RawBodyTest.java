package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A streamed body that a source fills partly by writing to the connection itself (splice), partly as usual. */
class RawBodyTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StreamListener listener = new StreamListener() {
        @Override
        public void streamCompleted() {
            events.add("completed");
        }

        @Override
        public void streamFailed(Throwable cause) {
            events.add("failed: " + cause.getMessage());
        }

        @Override
        public void clientClosed() {
            events.add("client closed");
        }
    };

    private EmbeddedChannel plainConnectionWithHeadSent() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 10);
        channel.writeAndFlush(head);
        ((ByteBuf) channel.readOutbound()).release();
        return channel;
    }

    @Test
    void rawBytesCountTowardsTheSizeAndTheLastOneEndsTheResponse() {
        EmbeddedChannel channel = plainConnectionWithHeadSent();
        ChannelResponseBody body = new ChannelResponseBody(channel, 10, listener, () -> events.add("sent"));

        assertThat(body.rawChannel()).contains(channel);
        body.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
        body.rawWritten(4); // as if spliced behind "abc"
        body.rawWritten(3);
        body.complete();
        channel.runPendingTasks();

        assertThat(events).containsExactly("completed", "sent");
        ByteBuf first = channel.readOutbound();
        assertThat(first.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        first.release();
        // the rest left through the encoder as empty writes only: the encoder's response is over, so the next
        // response on this keep-alive connection encodes cleanly
        for (Object out; (out = channel.readOutbound()) != null; ) {
            assertThat(((ByteBuf) out).readableBytes()).isZero();
            ((ByteBuf) out).release();
        }
        channel.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
        ByteBuf next = channel.readOutbound();
        assertThat(next.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 404");
        next.release();
    }

    @Test
    void moreRawBytesThanAnnouncedFailTheBody() {
        EmbeddedChannel channel = plainConnectionWithHeadSent();
        ChannelResponseBody body = new ChannelResponseBody(channel, 10, listener, () -> events.add("sent"));
        body.rawWritten(11);
        channel.runPendingTasks();
        assertThat(events).containsExactly("failed: source wrote more than the announced 10 bytes");
        assertThat(body.rawChannel()).isEmpty();
    }

    @Test
    void aTlsConnectionOffersNoRawChannel() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(
                SslContextBuilder.forClient().build().newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT),
                new HttpResponseEncoder());
        ChannelResponseBody body = new ChannelResponseBody(channel, 10, listener, () -> {});
        assertThat(body.rawChannel()).as("bytes around the TLS handler would reach the client unencrypted")
                .isEmpty();
        channel.finishAndReleaseAll();
    }
}
