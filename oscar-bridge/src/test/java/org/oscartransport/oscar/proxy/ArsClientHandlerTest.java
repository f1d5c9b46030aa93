package org.oscartransport.oscar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.rendezvous.Capabilities;

/** The client side of the proxy handshake, on an embedded channel. */
class ArsClientHandlerTest {

    private static final byte[] COOKIE = "1234567\0".getBytes(StandardCharsets.US_ASCII);

    private static final class Recorder implements ArsClientHandler.Listener {
        int pin = -1;
        byte[] ip;
        Channel ready;
        Throwable failure;
        final List<String> afterReady = new ArrayList<>();

        @Override
        public void onAck(int pin, byte[] proxyIpv4) {
            this.pin = pin;
            this.ip = proxyIpv4;
        }

        @Override
        public void onReady(Channel channel) {
            ready = channel;
            // what the rendezvous code does at READY: put the OFT handler behind us
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    afterReady.add(buf.toString(StandardCharsets.US_ASCII));
                    buf.release();
                }
            });
        }

        @Override
        public void onFailure(Throwable cause) {
            failure = cause;
        }
    }

    private static ByteBuf frame(ArsFrame frame) {
        return frame.encode(ByteBufAllocator.DEFAULT);
    }

    @Test
    void sendsItsRequestReportsAckAndHandsOverWithTheBytesAfterReady() {
        Recorder events = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(
                new ArsClientHandler(ArsFrame.initSend("100", COOKIE, Capabilities.SEND_FILE), events));
        ByteBuf request = ch.readOutbound();
        assertThat(ArsFrame.read(request).command()).isEqualTo(ArsFrame.INIT_SEND);
        request.release();

        ch.writeInbound(frame(ArsFrame.ack(0x4321, new byte[] {10, 0, 0, 7})));
        assertThat(events.pin).isEqualTo(0x4321);
        assertThat(events.ip).containsExactly(10, 0, 0, 7);
        assertThat(events.ready).isNull();

        // READY and the peer's first OFT bytes in one read: nothing may be lost at the hand-over
        ByteBuf ready = frame(ArsFrame.ready());
        ByteBuf together = Unpooled.wrappedBuffer(ready, Unpooled.copiedBuffer("OFT2", StandardCharsets.US_ASCII));
        ch.writeInbound(together);

        assertThat(events.ready).isSameAs(ch);
        assertThat(ch.pipeline().get(ArsClientHandler.class)).isNull();
        assertThat(events.afterReady).containsExactly("OFT2");
        ch.writeInbound(Unpooled.copiedBuffer("more", StandardCharsets.US_ASCII));
        assertThat(events.afterReady).containsExactly("OFT2", "more");
        assertThat(events.failure).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorFrameFailsWithItsCodeAndCloses() {
        Recorder events = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(
                new ArsClientHandler(ArsFrame.initRecv("100", 9, COOKIE, Capabilities.SEND_FILE), events));
        ((ByteBuf) ch.readOutbound()).release();

        ch.writeInbound(frame(ArsFrame.error(ArsFrame.ERROR_BAD_REQUEST)));

        assertThat(events.failure).isInstanceOfSatisfying(ArsErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ArsFrame.ERROR_BAD_REQUEST));
        assertThat(ch.isOpen()).isFalse();
        assertThat(events.ready).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void theProxyHangingUpBeforeReadyIsAFailure() {
        Recorder events = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(
                new ArsClientHandler(ArsFrame.initSend("100", COOKIE, Capabilities.SEND_FILE), events));
        ((ByteBuf) ch.readOutbound()).release();
        ch.close();
        assertThat(events.failure).hasMessageContaining("closed");
        ch.finishAndReleaseAll();
    }
}
