package org.oscartransport.gateway.it;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * A {@code jabber:iq:oob} set a test client received and has not answered yet: the test decides whether
 * the client "downloaded" it ({@link #accept()}) or declined ({@link #reject}).
 */
public final class IqOobOffer {
    private final XMPPConnection connection;
    private final IQ request;
    private final Oob oob;
    private final String sid;

    IqOobOffer(XMPPConnection connection, IQ request, Oob oob, String sid) {
        this.connection = connection;
        this.request = request;
        this.oob = oob;
        this.sid = sid;
    }

    public Jid from() {
        return request.getFrom();
    }

    public String url() {
        return oob.url();
    }

    public String desc() {
        return oob.desc();
    }

    /** The optional {@code sid} attribute of the query, or null. */
    public String sid() {
        return sid;
    }

    public IQ request() {
        return request;
    }

    /** Answers with an empty result: per XEP-0066 that means the file was fetched. */
    public void accept() throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(IQ.createResultIQ(request));
    }

    /** Answers with an error, e.g. not-acceptable (declined) or item-not-found (download failed). */
    public void reject(StanzaError.Condition condition) throws SmackException.NotConnectedException, InterruptedException {
        // Not IQ.createErrorResponse: it echoes the UnparsedIQ's child as escaped text, which servers reject as
        // not-well-formed and disconnect the client for.
        IQ error = IQ.createResultIQ(request);
        error.setType(IQ.Type.error);
        error.setError(StanzaError.getBuilder(condition).build());
        connection.sendStanza(error);
    }

    @Override
    public String toString() {
        return "IqOobOffer[from=" + from() + ", url=" + url() + ", desc=" + desc() + ", sid=" + sid + "]";
    }
}
