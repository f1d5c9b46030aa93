package org.oscartransport.gateway.e2e;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/** An ICQ contact signed on through the fixture's OSCAR client: records the file offers, withdrawals and IMs. */
final class IcqContact implements AutoCloseable {

    final OscarSession session;
    final BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
    final BlockingQueue<IncomingFileOffer> cancelled = new LinkedBlockingQueue<>();
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    private IcqContact(TransportFixture fixture, String uin, String password) throws Exception {
        session = fixture.contacts.login(uin, password, new OscarSessionListener() {
            @Override
            public void onFileOffer(IncomingFileOffer offer) {
                offers.add(offer);
            }

            @Override
            public void onFileOfferCancelled(IncomingFileOffer offer) {
                cancelled.add(offer);
            }

            @Override
            public void onMessage(String fromUin, String text) {
                texts.add(text);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    static IcqContact login(TransportFixture fixture, String uin, String password) throws Exception {
        return new IcqContact(fixture, uin, password);
    }

    /** The next offer, failing the test if none comes. */
    IncomingFileOffer awaitOffer() throws InterruptedException {
        IncomingFileOffer offer = offers.poll(TransportFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (offer == null) throw new AssertionError("the ICQ contact got no file offer");
        return offer;
    }

    @Override
    public void close() {
        session.close();
    }
}
