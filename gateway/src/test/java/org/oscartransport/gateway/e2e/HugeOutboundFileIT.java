package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1 GiB from a Jabber user's URL to an ICQ contact (HTTP fetch → OFT) through the real transport, in the
 * {@code slow} profile's small heap: the web server generates the file as it sends it and the contact hashes what
 * arrives, so neither end nor the transport can hold it whole. The iq is answered only once the contact has it all.
 */
@Tag("slow")
class HugeOutboundFileIT {

    private static final Logger log = LoggerFactory.getLogger(HugeOutboundFileIT.class);
    private static final long SIZE = HugeInboundFileIT.SIZE;
    private static final String DOMAIN = TransportFixture.DOMAIN;

    private static TransportFixture fixture;
    private static GeneratedFileServer web;

    @BeforeAll
    static void startEverything() throws Exception {
        fixture = TransportFixture.start(Map.of("100031", "pw31", "200032", "pw32"), List.of("ivy"),
                "--transfer.max-size=2g");
        web = GeneratedFileServer.serving("huge.iso", SIZE);
    }

    @AfterAll
    static void stopEverything() {
        if (web != null) web.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aGibibyteUrlReachesTheIcqContactThroughASmallHeap() throws Exception {
        log.info("max heap {} MiB", Runtime.getRuntime().maxMemory() >> 20);
        try (XmppTestClient ivy = fixture.connect("ivy", "psi")) {
            TransportFixture.goOnline(ivy, "100031", "pw31");
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            OscarSession contact = fixture.contacts.login("200032", "pw32", new OscarSessionListener() {
                @Override
                public void onFileOffer(IncomingFileOffer offer) {
                    offers.add(offer);
                }
            }).get(10, TimeUnit.SECONDS);

            CompletableFuture<IQ> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return ivy.request("200032@" + DOMAIN, new OutboundFileIT.OobQuery(web.url()),
                            Duration.ofMinutes(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            IncomingFileOffer offer = offers.poll(20, TimeUnit.SECONDS);
            assertThat(offer).as("the contact got a Send File proposal").isNotNull();
            assertThat(offer.fileName()).isEqualTo("huge.iso");
            assertThat(offer.size()).isEqualTo(SIZE);
            OutboundFileIT.HashingSink sink = new OutboundFileIT.HashingSink();
            long start = System.nanoTime();
            offer.accept(sink);

            IQ result = answer.get(2, TimeUnit.MINUTES);
            assertThat(result.getType()).isEqualTo(IQ.Type.result);
            assertThat(sink.done).as("the iq is answered only after the contact has every byte").isDone();
            log.info("1 GiB fetched, sent over OFT and hashed in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(sink.done.get()).isEqualTo(web.sentInFull().get(10, TimeUnit.SECONDS));
            contact.close();
        }
    }
}
