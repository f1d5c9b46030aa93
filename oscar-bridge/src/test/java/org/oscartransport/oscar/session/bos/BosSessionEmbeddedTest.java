package org.oscartransport.oscar.session.bos;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.feedbag.AuthorizationSnacs;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.ImText;
import org.oscartransport.oscar.icbm.MessageTooLongException;
import org.oscartransport.oscar.icbm.OutgoingIcbm;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.FileServiceData;
import org.oscartransport.oscar.rendezvous.RendezvousBlock;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.RecordingListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.session.TypingState;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/** The client session driven SNAC by SNAC, with virtual time. */
class BosSessionEmbeddedTest {

    private static final byte[] COOKIE = "1234567\0".getBytes(StandardCharsets.US_ASCII);

    private final RecordingListener events = new RecordingListener();
    private final BosSession session = new BosSession("100", new byte[] {9, 9}, events,
            new OscarClientConfig(new InetSocketAddress("127.0.0.1", 5190), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), true, Duration.ofSeconds(1)),
            SocketTransport.NIO, (Executor) Runnable::run);
    private final EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel c) {
            session.install(c.pipeline());
        }
    });

    @AfterEach
    void finish() {
        ch.finishAndReleaseAll();
    }

    private void receive(int family, int subtype, int flags, ByteBuf body) {
        ch.writeInbound(new Snac(family, subtype, flags, 0, body));
    }

    /** Outbound SNACs as "ffff/ssss", releasing them; other frames as "ch N". */
    private List<String> sent() {
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof Snac snac) {
                out.add(String.format("%04x/%04x", snac.family(), snac.subtype()));
            } else if (msg instanceof FlapFrame frame) {
                out.add("ch " + frame.channel());
            }
            ReferenceCountUtil.release(msg);
        }
        return out;
    }

    private Snac nextSent(int family, int subtype) {
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof Snac snac && snac.is(family, subtype)) {
                return snac;
            }
            ReferenceCountUtil.release(msg);
        }
        throw new AssertionError(String.format("no %04x/%04x was sent", family, subtype));
    }

    @Test
    void malformedAuthorizationSnacsAreDroppedAndTheSessionGoesOn() {
        receive(0x13, 0x19, 0, Unpooled.wrappedBuffer(new byte[] {9, '1'}));
        receive(0x13, 0x1B, 0, Unpooled.wrappedBuffer(new byte[] {3, '7', '7', '7'})); // no verdict
        ByteBuf good = Unpooled.buffer();
        AuthorizationSnacs.writeRequest(good, "777", "me again");
        receive(0x13, 0x19, 0, good);

        assertThat(ch.isActive()).isTrue();
        assertThat(events.authorizationRequests)
                .containsExactly(new RecordingListener.AuthorizationRequest("777", "me again"));
        assertThat(events.authorizationReplies).isEmpty();
    }

    @Test
    void signsOnAfterTheRequiredRepliesAndWaitsOutMissingOptionalOnes() {
        FlapFrame hello = ch.readOutbound();
        assertThat(hello.channel()).isEqualTo(1);
        assertThat(ByteBufUtil.hexDump(hello.content())).isEqualTo("00000001" + "000600020909");
        hello.release();

        ByteBuf families = Unpooled.buffer();
        for (int f : new int[] {1, 2, 3, 4, 9, 0x13, 0x15}) {
            families.writeShort(f);
        }
        receive(1, 3, 0, families);
        assertThat(sent()).containsExactly("0001/0017");
        receive(1, 0x18, 0, Unpooled.EMPTY_BUFFER);
        assertThat(sent()).containsExactly("0001/0006");
        ByteBuf rates = Unpooled.buffer().writeShort(1).writeShort(1).writeZero(33).writeShort(1).writeShort(0);
        receive(1, 7, 0, rates);
        assertThat(sent()).containsExactly("0001/0008", "0001/000e", "0013/0002", "0013/0004", "0002/0002",
                "0003/0002", "0004/0004", "0009/0002");

        receive(0x13, 6, Snac.FLAG_MORE_REPLIES, Unpooled.buffer().writeByte(0).writeShort(0));
        assertThat(sent()).isEmpty();
        receive(0x13, 6, 0, Unpooled.buffer().writeByte(0).writeShort(0).writeInt(0));
        assertThat(sent()).containsExactly("0013/0007");
        receive(9, 3, 0, Unpooled.EMPTY_BUFFER);
        assertThat(sent()).isEmpty();
        assertThat(session.signedOn()).as("locate rights and ICBM params are still awaited").isNotDone();

        ch.advanceTimeBy(BosSignOn.OPTIONAL_REPLY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        Snac caps = nextSent(2, 4);
        byte[] capValue = TlvChain.readChain(caps.content()).bytes(0x0005);
        caps.release();
        assertThat(ByteBufUtil.hexDump(capValue)).contains(ByteBufUtil.hexDump(Capabilities.SEND_FILE));
        assertThat(sent()).containsExactly("0004/0002", "0001/001e", "0001/0011", "0001/0002", "0004/0010");
        assertThat(session.signedOn()).isCompleted();
    }

    @Test
    void sendsAKeepAliveWhenTheWriterIsIdle() {
        sent();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertThat(sent()).containsExactly("ch 5");
    }

    private ByteBuf proposalFrom(String sender, byte[] cookie, TlvChain inner) {
        RendezvousBlock block = new RendezvousBlock(RendezvousBlock.PROPOSE, cookie, Capabilities.SEND_FILE, inner);
        ByteBuf body = Unpooled.buffer().writeBytes(cookie).writeShort(2);
        new UserInfo(sender, 0, TlvChain.empty()).write(body);
        TlvChain.of(new Tlv(0x0005, block.toBytes())).writeChain(body);
        return body;
    }

    private static TlvChain fileTlvs() {
        return TlvChain.of(new Tlv(0x0003, new byte[] {1, 2, 3, 4}), Tlv.u16(0x0005, 4000), Tlv.u16(0x000A, 1),
                new Tlv(0x2711, new FileServiceData(1, 1, 0x10, "f.bin").encode()),
                new Tlv(0x2713, new byte[] {0, 0, 0, 1, 0, 0, 0, 0}),
                new Tlv(0x0004, new byte[] {5, 6, 7, 8}));
    }

    @Test
    void proposalBecomesAnOfferAndAChannel2ClientErrorCancelsIt() throws Exception {
        receive(4, 7, 0, proposalFrom("200", COOKIE, fileTlvs()));
        IncomingFileOffer offer = RecordingListener.next(events.offers);

        assertThat(offer.fromUin()).isEqualTo("200");
        assertThat(offer.fileName()).isEqualTo("f.bin");
        assertThat(offer.size()).as("the 64-bit size wins").isEqualTo(1L << 32);
        assertThat(offer.directAddress()).isEqualTo(new InetSocketAddress("5.6.7.8", 4000));

        ByteBuf otherSender = Unpooled.buffer().writeBytes(COOKIE).writeShort(2).writeByte(3)
                .writeBytes("999".getBytes(StandardCharsets.US_ASCII)).writeShort(3).writeShort(2).writeShort(1);
        receive(4, 0x0B, 0, otherSender);
        assertThat(events.cancelled).as("someone else cannot cancel this offer").isEmpty();

        ByteBuf decline = Unpooled.buffer().writeBytes(COOKIE).writeShort(2).writeByte(3)
                .writeBytes("200".getBytes(StandardCharsets.US_ASCII)).writeShort(3).writeShort(2).writeShort(1);
        receive(4, 0x0B, 0, decline);
        assertThat(events.cancelled.poll()).isSameAs(offer);
    }

    @Test
    void proposalWithMismatchedCookiesOrWithoutServiceDataIsIgnored() {
        byte[] other = "7777777\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuf mismatched = proposalFrom("200", COOKIE, fileTlvs());
        mismatched.setBytes(0, other); // the ICBM cookie no longer equals the rendezvous cookie
        receive(4, 7, 0, mismatched);
        receive(4, 7, 0, proposalFrom("200", other, TlvChain.of(Tlv.u16(0x000A, 1))));
        assertThat(events.offers).isEmpty();
    }

    @Test
    void cancellingAnOfferSendsARendezvousCancel() throws Exception {
        receive(4, 7, 0, proposalFrom("200", COOKIE, fileTlvs()));
        IncomingFileOffer offer = RecordingListener.next(events.offers);
        sent();

        offer.cancel();
        ch.runPendingTasks();
        Snac icbm = nextSent(4, 6);
        ByteBuf body = icbm.content();
        byte[] cookie = new byte[8];
        body.readBytes(cookie);
        assertThat(cookie).isEqualTo(COOKIE);
        assertThat(body.readUnsignedShort()).isEqualTo(2);
        body.skipBytes(body.readUnsignedByte());
        RendezvousBlock cancel = RendezvousBlock.read(TlvChain.readChain(body).bytes(0x0005));
        icbm.release();
        assertThat(cancel.type()).isEqualTo(RendezvousBlock.CANCEL);
        assertThat(cancel.cookie()).isEqualTo(COOKIE);
        assertThat(cancel.tlvs().u16(0x000B, -1)).isEqualTo(1);
    }

    @Test
    void htmlWrappedImsArriveAsPlainText() throws Exception {
        ByteBuf data = Unpooled.buffer();
        byte[] text = "<HTML><BODY>1 &lt; 2</BODY></HTML>".getBytes(StandardCharsets.US_ASCII);
        data.writeByte(5).writeByte(1).writeShort(1).writeByte(1);
        data.writeByte(1).writeByte(1).writeShort(4 + text.length).writeShort(0).writeShort(0).writeBytes(text);
        byte[] dataBytes = new byte[data.readableBytes()];
        data.readBytes(dataBytes);
        ByteBuf body = Unpooled.buffer().writeBytes(COOKIE).writeShort(1);
        new UserInfo("200", 0, TlvChain.empty()).write(body);
        TlvChain.of(new Tlv(0x0002, dataBytes)).writeChain(body);
        receive(4, 7, 0, body);

        assertThat(RecordingListener.next(events.messages)).isEqualTo(new RecordingListener.Message("200", "1 < 2"));
    }

    @Test
    void oldStyleIcqChannel4TextArrives() throws Exception {
        byte[] text = "hey\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuf payload = Unpooled.buffer().writeIntLE(200).writeByte(1).writeByte(0).writeShortLE(text.length)
                .writeBytes(text);
        byte[] payloadBytes = new byte[payload.readableBytes()];
        payload.readBytes(payloadBytes);
        ByteBuf body = Unpooled.buffer().writeBytes(COOKIE).writeShort(4);
        new UserInfo("200", 0, TlvChain.empty()).write(body);
        TlvChain.of(new Tlv(0x0005, payloadBytes)).writeChain(body);
        receive(4, 7, 0, body);

        assertThat(RecordingListener.next(events.messages)).isEqualTo(new RecordingListener.Message("200", "hey"));
    }

    /** The text of every 0004/0006 sent, in order, with the size of its message data; releases everything. */
    private List<String> sentIcbmTexts(List<Integer> dataSizes) {
        List<String> texts = new ArrayList<>();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof Snac snac && snac.is(Icbm.FAMILY, Icbm.SEND)) {
                byte[] data = OutgoingIcbm.read(snac.content()).tlvs().bytes(Icbm.TLV_MESSAGE_DATA);
                dataSizes.add(data.length);
                texts.add(ImText.read(Unpooled.wrappedBuffer(data)));
            }
            ReferenceCountUtil.release(msg);
        }
        return texts;
    }

    @Test
    void aMessageLongerThanTheServersIcbmLimitGoesOutAsSeveralInOrder() {
        receive(Icbm.FAMILY, Icbm.PARAMS_REPLY, 0, Unpooled.buffer().writeShort(2).writeInt(3).writeShort(1000)
                .writeShort(999).writeShort(999).writeInt(0));
        sent();
        String text = ("word ".repeat(150) + "слово ").repeat(4);

        CompletableFuture<Void> f = session.sendMessage("200", text);

        List<Integer> sizes = new ArrayList<>();
        List<String> parts = sentIcbmTexts(sizes);
        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(sizes).allMatch(size -> size <= 1000);
        assertThat(f).isNotDone(); // until every part is acknowledged
    }

    @Test
    void aTextNeedingTooManyIcbmsIsRefusedBeforeSending() {
        sent();
        CompletableFuture<Void> f = session.sendMessage("200", "x".repeat(8000 * 201));
        assertThat(f).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(MessageTooLongException.class);
        assertThat(sent()).isEmpty();
    }

    /** A rate reply whose class 2 (window 10, alert 400, clear 500) holds ICBM sends. */
    private void receiveTightRates() {
        ByteBuf reply = Unpooled.buffer();
        new RateClasses(List.of(new RateClass(2, 10, 500, 400, 300, 100, 1000, 1000, 0, false)),
                Map.of(2, List.of(RateClasses.member(Icbm.FAMILY, Icbm.SEND)))).write(reply);
        receive(1, 7, 0, reply);
        sent();
    }

    @Test
    void imsBeyondTheRateWaitOnTheEventLoopAndLeaveInOrder() {
        receiveTightRates();
        for (int i = 1; i <= 10; i++) {
            session.sendMessage("200", "m" + i);
        }

        List<Integer> sizes = new ArrayList<>();
        assertThat(sentIcbmTexts(sizes)).hasSize(8); // the ninth would bring the level to the alert level

        ch.advanceTimeBy(10, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        ch.runScheduledPendingTasks();
        assertThat(sentIcbmTexts(sizes)).containsExactly("m9", "m10");
    }

    @Test
    void aLimitNoticeHoldsImsAndAPauseHoldsEverythingUntilResumed() {
        receiveTightRates();
        ByteBuf limited = Unpooled.buffer();
        new RateChange(RateChange.LIMITED, List.of(new RateClass(2, 10, 500, 400, 300, 100, 290, 1000, 0, true)))
                .write(limited);
        receive(1, RateChange.SUBTYPE, 0, limited);
        session.sendMessage("200", "held");
        assertThat(sent()).isEmpty();
        ch.advanceTimeBy(2000, TimeUnit.MILLISECONDS); // (290 × 9 + gap) / 10 ≥ 500 needs a 2390 ms gap
        ch.runScheduledPendingTasks();
        assertThat(sent()).isEmpty();
        ch.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(sent()).containsExactly("0004/0006");

        receive(1, 0x000B, 0, Unpooled.EMPTY_BUFFER);
        assertThat(sent()).containsExactly("0001/000c");
        session.sendTyping("200", TypingState.TYPING);
        assertThat(sent()).isEmpty();
        receive(1, 0x000D, 0, Unpooled.EMPTY_BUFFER);
        assertThat(sent()).containsExactly("0004/0014");
    }

    @Test
    void openOffersAreCapped() {
        for (int i = 0; i < 40; i++) {
            byte[] cookie = String.format("%07d\0", i).getBytes(StandardCharsets.US_ASCII);
            receive(4, 7, 0, proposalFrom("200", cookie, fileTlvs()));
        }
        assertThat(events.offers).hasSize(32);
    }

    @Test
    void proxyProposalIsNotMistakenForADirectOne() throws Exception {
        TlvChain proxied = TlvChain.of(new Tlv(0x0002, new byte[] {5, 6, 7, 8}), Tlv.u16(0x0005, 1234),
                Tlv.u16(0x000A, 1), Tlv.empty(0x0010), new Tlv(0x0004, new byte[] {5, 6, 7, 8}),
                new Tlv(0x2711, new FileServiceData(1, 1, 3, "p.bin").encode()));
        receive(4, 7, 0, proposalFrom("200", COOKIE, proxied));
        IncomingFileOffer offer = RecordingListener.next(events.offers);
        assertThat(offer.directAddress()).as("0x0005 is a proxy pin here").isNull();
        sent();

        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        offer.accept(new org.oscartransport.oscar.oft.OftDataSink() {
            @Override
            public void onStart(Channel dataChannel, long size) {}

            @Override
            public void onData(ByteBuf data) {
                data.release();
            }

            @Override
            public void onComplete() {}

            @Override
            public void onFailure(Throwable cause) {
                failure.complete(cause);
            }
        });
        ch.runPendingTasks();
        assertThat(failure.getNow(null)).hasMessageContaining("proxy");
        nextSent(4, 6).release(); // the CANCEL
    }
}
