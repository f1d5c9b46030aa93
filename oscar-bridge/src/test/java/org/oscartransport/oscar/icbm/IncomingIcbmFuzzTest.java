package org.oscartransport.oscar.icbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oscartransport.oscar.QuietLogs;
import org.oscartransport.oscar.rendezvous.RendezvousService;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.MalformedDataException;

/**
 * What a client session does with ICBM SNACs from the server: the user-info block alone, and whole 0004/xxxx
 * bodies through the real {@link IcbmService} and {@link RendezvousService} (channel-1 text, rendezvous blocks,
 * 0x2711 service data, file offers, client errors). Only {@link MalformedDataException} may escape; it closes
 * the session.
 */
class IncomingIcbmFuzzTest {

    private static final int[] SUBTYPES = {Icbm.RECEIVE, Icbm.ERROR, Icbm.HOST_ACK, Icbm.CLIENT_ERROR};

    @BeforeAll
    static void quiet() {
        QuietLogs.on();
    }

    @AfterAll
    static void loud() {
        QuietLogs.off();
    }

    @FuzzTest
    void userInfo(byte[] input) {
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer(input.length).writeBytes(input);
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            UserInfo info = UserInfo.read(in);
            // non-ASCII name bytes come back as '?', so compare lengths: the block ends where it says it does
            info.write(out);
            assertThat(out.readableBytes()).isEqualTo(in.readerIndex());
        } catch (MalformedDataException expected) {
            // rejected as a whole
        } finally {
            in.release();
            out.release();
        }
    }

    @FuzzTest
    void serverSnac(FuzzedDataProvider data) {
        int subtype = data.pickValue(SUBTYPES);
        byte[] body = data.consumeRemainingAsBytes();

        EmbeddedChannel bos = new EmbeddedChannel();
        List<IncomingFileOffer> offers = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        IcbmService[] icbm = new IcbmService[1];
        RendezvousService rendezvous = new RendezvousService("10001", bos, () -> icbm[0],
                new OscarSessionListener() {
                    @Override
                    public void onFileOffer(IncomingFileOffer offer) {
                        offers.add(offer);
                    }
                },
                OscarClientConfig.defaults(new InetSocketAddress("127.0.0.1", 5190)), SocketTransport.NIO, Runnable::run);
        icbm[0] = new IcbmService(new DiscardingSender(bos), (from, text) -> messages.add(text), (from, state) -> {}, rendezvous);

        Snac snac = Snac.of(Icbm.FAMILY, subtype, 1, bos.alloc().buffer(body.length).writeBytes(body));
        try {
            icbm[0].onSnac(snac);
        } catch (MalformedDataException expected) {
            return;
        } finally {
            snac.release();
            rendezvous.shutdown(new IllegalStateException("fuzz input done"));
            icbm[0].shutdown(new IllegalStateException("fuzz input done"));
            bos.finishAndReleaseAll();
        }
        for (IncomingFileOffer offer : offers) {
            assertThat(offer.cookie()).hasSize(8).isEqualTo(java.util.Arrays.copyOf(body, 8));
            assertThat(offer.size()).isNotNegative();
            assertThat(offer.fileCount()).isBetween(0, 0xFFFF);
            assertThat(offer.fileName()).isNotNull().doesNotContain("\0");
        }
        assertThat(messages).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(body.length));
    }

    /** The session's SNAC writer, minus the socket: bodies are dropped (and released). */
    private record DiscardingSender(EmbeddedChannel ch) implements SnacSender {
        @Override
        public ByteBufAllocator alloc() {
            return ch.alloc();
        }

        @Override
        public EventLoop eventLoop() {
            return ch.eventLoop();
        }

        @Override
        public long nextRequestId() {
            return 1;
        }

        @Override
        public long send(int family, int subtype, ByteBuf body) {
            body.release();
            return 1;
        }

        @Override
        public ChannelFuture sendWithFuture(int family, int subtype, ByteBuf body) {
            body.release();
            return ch.newSucceededFuture();
        }
    }
}
