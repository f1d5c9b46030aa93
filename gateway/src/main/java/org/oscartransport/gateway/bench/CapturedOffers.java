package org.oscartransport.gateway.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.oscartransport.gateway.transfer.OfferStanzas;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The XMPP server of the bench: an {@link org.oscartransport.gateway.component.XmppOut} that keeps the file
 * offers the gateway sends (with the moment they arrived) and answers every query at once with an empty
 * result, so no resource advertises {@code jabber:iq:oob} and offers go out as messages. XMPP itself (stanza
 * serialisation, the socket to the server) is thereby outside every timed path.
 */
final class CapturedOffers implements org.oscartransport.gateway.component.XmppOut {

    /** A file offer as the XMPP server would have received it. */
    record Offer(URI url, String fromUin, long arrivedNanos) {}

    private final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();

    @Override
    public void send(Packet packet) {
        long now = System.nanoTime();
        if (packet instanceof Message message) {
            Element oob = message.getChildElement("x", OfferStanzas.OOB_X);
            if (oob != null) {
                offers.add(new Offer(URI.create(oob.elementText("url")), message.getFrom().getNode(), now));
            }
        }
        // presences and notices: dropped, as a server with no listener would
    }

    @Override
    public CompletableFuture<IQ> query(IQ request, Duration timeout) {
        return CompletableFuture.completedFuture(IQ.createResultIQ(request));
    }

    Offer next(Duration timeout) throws InterruptedException, TimeoutException {
        Offer offer = offers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (offer == null) {
            throw new TimeoutException("no file offer reached the XMPP side within " + timeout);
        }
        return offer;
    }
}
