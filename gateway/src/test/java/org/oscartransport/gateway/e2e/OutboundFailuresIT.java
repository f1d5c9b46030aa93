package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * Jabber → ICQ files that do not arrive, and what the user's {@code jabber:iq:oob} gets back for each: the contact
 * offline, the contact never answering, the contact hanging up mid-file, the web server hanging up mid-file, a
 * file over the size limit, an empty file or one of unknown size, and a URL that is not http(s).
 */
class OutboundFailuresIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static final long SIZE = 4L << 20;

    private static TransportFixture fixture;
    private static GeneratedFileServer whole;
    private static GeneratedFileServer cut;
    private static GeneratedFileServer huge;
    private static HttpServer odd;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100061", "pw", "200062", "pw", "200063", "pw"), List.of("nina"),
                "--transfer.offer-timeout=3s", "--transfer.max-size=5m");
        whole = GeneratedFileServer.serving("notes.pdf", SIZE);
        cut = GeneratedFileServer.servingCut("broken.pdf", SIZE, 1L << 20);
        huge = GeneratedFileServer.serving("huge.iso", 6L << 20);
        odd = oddSizesServer();
    }

    /** {@code /empty.txt}: 0 bytes; {@code /unknown.bin}: a chunked body whose size no header gives. */
    private static HttpServer oddSizesServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/empty.txt", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Length", "0");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.createContext("/unknown.bin", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(405, -1); // no help from HEAD: the GET fallback finds no length
                    return;
                }
                exchange.sendResponseHeaders(200, 0); // chunked
                exchange.getResponseBody().write(new byte[1000]);
            } catch (java.io.IOException cut) {
                // the transport read the headers and hung up
            }
        });
        server.start();
        return server;
    }

    private static String oddUrl(String path) {
        return "http://127.0.0.1:" + odd.getAddress().getPort() + path;
    }

    @AfterAll
    static void stop() {
        if (odd != null) odd.stop(0);
        if (huge != null) huge.close();
        if (cut != null) cut.close();
        if (whole != null) whole.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aFileForAnOfflineContactIsRecipientUnavailable() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "offline")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            IQ answer = offer(nina, "200063", whole.url()).get(20, TimeUnit.SECONDS);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(answer.getError().getDescriptiveText()).contains("offline");
        }
    }

    @Test
    void anOfferTheContactNeverAnswersTimesOutAndIsWithdrawn() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "unanswered")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            Contact contact = Contact.login("200062");
            CompletableFuture<IQ> answer = offer(nina, "200062", whole.url());
            IncomingFileOffer ignored = contact.offers.poll(20, TimeUnit.SECONDS);
            assertThat(ignored).as("the contact got the proposal").isNotNull();

            IQ error = answer.get(20, TimeUnit.SECONDS);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_timeout);
            assertThat(contact.cancelled.poll(10, TimeUnit.SECONDS)).as("the contact hears the offer withdrawn")
                    .isNotNull();
            contact.session.close();
        }
    }

    @Test
    void theContactHangingUpMidFileFailsTheIq() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "hangup")) {
            IQ error = offerAndStopAfter64KiB(nina, offer -> Channel::close);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.undefined_condition);
            assertThat(error.getError().getDescriptiveText()).startsWith("the transfer to the ICQ contact broke off: ");
        }
    }

    @Test
    void theContactCancellingMidFileIsReportedAsTheirCancelNotAFailure() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "cancel")) {
            // the contact's own CANCEL (reason 1, as libpurple sends when its user clicks cancel)
            IQ error = offerAndStopAfter64KiB(nina, offer -> channel -> offer.cancel());
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(error.getError().getDescriptiveText()).isEqualTo("the ICQ contact cancelled the file");
        }
    }

    @Test
    void theWebServerHangingUpMidFileFailsTheContactsDownloadAndTheIq() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "cut")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            Contact contact = Contact.login("200062");
            CompletableFuture<IQ> answer = offer(nina, "200062", cut.url());
            OutboundFileIT.HashingSink sink = new OutboundFileIT.HashingSink();
            contact.offers.poll(20, TimeUnit.SECONDS).accept(sink);

            assertThat(sink.done).as("the contact's download fails").failsWithin(Duration.ofSeconds(20));
            IQ error = answer.get(20, TimeUnit.SECONDS);
            assertThat(error.getType()).isEqualTo(IQ.Type.error);
            assertThat(error.getError().getDescriptiveText()).startsWith("the file's URL: ").contains("closed after");
            contact.session.close();
        }
    }

    @Test
    void aFileOverTheSizeLimitIsAPolicyViolationAndNeverOffered() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "huge")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            Contact contact = Contact.login("200062");
            IQ answer = offer(nina, "200062", huge.url()).get(20, TimeUnit.SECONDS);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
            assertThat(contact.offers.poll(1, TimeUnit.SECONDS)).as("nothing was proposed").isNull();
            contact.session.close();
        }
    }

    @Test
    void aUrlThatIsNotHttpIsABadRequest() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "ftp")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            IQ answer = offer(nina, "200062", "ftp://127.0.0.1/file.txt").get(20, TimeUnit.SECONDS);
            assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        }
    }

    @Test
    void anEmptyFileOrOneOfUnknownSizeIsNotAcceptable() throws Exception {
        try (XmppTestClient nina = fixture.connect("nina", "sizes")) {
            TransportFixture.goOnline(nina, "100061", "pw");
            Contact contact = Contact.login("200062");
            IQ empty = offer(nina, "200062", oddUrl("/empty.txt")).get(20, TimeUnit.SECONDS);
            assertThat(empty.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(empty.getError().getDescriptiveText()).contains("empty");
            IQ unknown = offer(nina, "200062", oddUrl("/unknown.bin")).get(20, TimeUnit.SECONDS);
            assertThat(unknown.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(unknown.getError().getDescriptiveText()).contains("how large");
            assertThat(contact.offers.poll(1, TimeUnit.SECONDS)).as("nothing was proposed").isNull();
            contact.session.close();
        }
    }

    private static CompletableFuture<IQ> offer(XmppTestClient user, String uin, String url) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return user.request(uin + "@" + DOMAIN, new OutboundFileIT.OobQuery(url), Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The ICQ contact: records offers and withdrawn offers. */
    private record Contact(OscarSession session, BlockingQueue<IncomingFileOffer> offers,
            BlockingQueue<IncomingFileOffer> cancelled) {
        static Contact login(String uin) throws Exception {
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            BlockingQueue<IncomingFileOffer> cancelled = new LinkedBlockingQueue<>();
            OscarSession session = fixture.contacts.login(uin, "pw", new OscarSessionListener() {
                @Override
                public void onFileOffer(IncomingFileOffer offer) {
                    offers.add(offer);
                }

                @Override
                public void onFileOfferCancelled(IncomingFileOffer offer) {
                    cancelled.add(offer);
                }
            }).get(10, TimeUnit.SECONDS);
            return new Contact(session, offers, cancelled);
        }
    }

    /** Closes the data connection once the first 64 KiB are in: the contact cancelling mid-file. */
    /**
     * Nina offers the whole file to 200062, whose client takes 64 KiB and then stops as {@code stop} says (given
     * the offer, it acts on the data connection); the iq she gets back.
     */
    private static IQ offerAndStopAfter64KiB(XmppTestClient nina,
            Function<IncomingFileOffer, Consumer<Channel>> stop) throws Exception {
        TransportFixture.goOnline(nina, "100061", "pw");
        Contact contact = Contact.login("200062");
        CompletableFuture<IQ> answer = offer(nina, "200062", whole.url());
        IncomingFileOffer offer = contact.offers.poll(20, TimeUnit.SECONDS);
        StoppingSink sink = new StoppingSink(stop.apply(offer));
        offer.accept(sink);
        IQ error = answer.get(20, TimeUnit.SECONDS);
        assertThat(sink.received.get()).as("the contact stopped before the end").isLessThan(SIZE);
        contact.session.close();
        return error;
    }

    /** Takes 64 KiB of the file, then stops: the contact's client hangs up, or its user clicks cancel. */
    private static final class StoppingSink implements OftDataSink {
        final AtomicLong received = new AtomicLong();
        private final Consumer<Channel> stop;
        private volatile Channel channel;

        /** @param stop given the data connection */
        StoppingSink(Consumer<Channel> stop) {
            this.stop = stop;
        }

        @Override
        public void onStart(Channel dataChannel, long size) {
            channel = dataChannel;
        }

        @Override
        public void onData(ByteBuf data) {
            try {
                long before = received.getAndAdd(data.readableBytes());
                if (before < 64 * 1024 && before + data.readableBytes() >= 64 * 1024) stop.accept(channel);
            } finally {
                data.release();
            }
        }

        @Override
        public void onComplete() {}

        @Override
        public void onFailure(Throwable cause) {}
    }
}
