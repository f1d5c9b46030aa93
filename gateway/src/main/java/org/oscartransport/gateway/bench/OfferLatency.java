package org.oscartransport.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.oscartransport.oscar.session.OscarSession;

/**
 * From a contact's {@code sendFile} call to the gateway's offer stanza reaching {@link CapturedOffers}, one offer
 * at a time. The clock starts before the contact's own work (checksum of a 1 KiB file on its blocking pool,
 * binding its OFT listener), so the figure is an upper bound on proposal → offer.
 */
final class OfferLatency {

    private static final int FIRST_USER = 120001;
    /** Offers nobody answers stay open, and a session takes at most 32 at once: move on to the next user first. */
    private static final int OFFERS_PER_USER = 30;

    private final BenchOptions options;
    private final BenchFiles files;

    OfferLatency(BenchOptions options, BenchFiles files) {
        this.options = options;
        this.files = files;
    }

    void run(Report report) throws Exception {
        Path file = files.create("latency.txt", 1024);
        List<Double> millis = new ArrayList<>();
        try (IcqSide icq = new IcqSide(); GatewayUnderTest gateway = new GatewayUnderTest(icq.server())) {
            int total = options.warmupOffers() + options.offers();
            List<String> users = new ArrayList<>();
            for (int u = 0; u * OFFERS_PER_USER < total; u++) {
                users.add(String.valueOf(FIRST_USER + u));
            }
            gateway.signOn(users, 4, Duration.ofSeconds(60));
            OscarSession contact = icq.contacts(220001, 1).get(0);
            for (int i = 0; i < total; i++) {
                long start = System.nanoTime();
                // cancelled when the endpoints close
                contact.sendFile(users.get(i / OFFERS_PER_USER), file).exceptionally(e -> null);
                CapturedOffers.Offer offer = gateway.xmpp().next(Duration.ofSeconds(30));
                if (i >= options.warmupOffers()) {
                    millis.add((offer.arrivedNanos() - start) / 1e6);
                }
            }
            gateway.closeEndpoints();
        }
        Stats s = Stats.of(millis);
        report.section("Latency: proposal -> offer at XmppOut, " + s.count() + " offers (after "
                + options.warmupOffers() + " not counted)");
        report.line("median %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms", s.median(), s.p99(), s.min(), s.max());
        report.line("JVM-internal wall clock, in-process: from the contact's sendFile() (1 KiB file: checksum, OFT listener");
        report.line("  bind, PROPOSE) through the emulator's relay, the user's session, the HTTP endpoint's bind, to the");
        report.line("  offer stanza handed to XmppOut (no XMPP server: the stanza is captured, not serialised).");
    }
}
