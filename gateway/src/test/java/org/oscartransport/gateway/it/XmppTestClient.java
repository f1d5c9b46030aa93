package org.oscartransport.gateway.it;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Jabber client (Smack 4.4.8) logged in to a {@link ProsodyServer}, with the helpers integration tests
 * need: disco, XEP-0077 registration with a gateway, presence, and inboxes of received messages, presences and
 * {@code jabber:iq:oob} offers. Subscription requests are accepted automatically, as XEP-0100 gateways expect.
 */
public final class XmppTestClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XmppTestClient.class);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final XMPPTCPConnection connection;
    private final StanzaInbox<Message> messages = new StanzaInbox<>("message");
    private final StanzaInbox<Presence> presences = new StanzaInbox<>("presence");
    private final StanzaInbox<IqOobOffer> iqOobOffers = new StanzaInbox<>("jabber:iq:oob offer");
    private final IQRequestHandler iqOobHandler = new IqOobHandler();

    private XmppTestClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** Logs in as {@code user@localhost/resource} over plain TCP on the server's c2s port, then sends presence. */
    public static XmppTestClient connect(ProsodyServer server, String user, String password, String resource)
            throws IOException, InterruptedException, XMPPException, SmackException {
        return connect("127.0.0.1", server.c2sPort(), server.domain(), user, password, resource);
    }

    public static XmppTestClient connect(String host, int port, String domain, String user, String password,
            String resource) throws IOException, InterruptedException, XMPPException, SmackException {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost(host)
                .setPort(port)
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                // the test server offers no STARTTLS (empty certs dir); loopback only
                .setSecurityMode(SecurityMode.disabled)
                .setConnectTimeout((int) REPLY_TIMEOUT.toMillis())
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(REPLY_TIMEOUT.toMillis());
        XmppTestClient client = new XmppTestClient(connection);
        client.listen();
        connection.connect().login();
        log.info("{} logged in", connection.getUser());
        return client;
    }

    private void listen() {
        // Listeners go in before login so nothing sent right after it is missed.
        connection.addSyncStanzaListener(s -> messages.add((Message) s), StanzaTypeFilter.MESSAGE);
        connection.addSyncStanzaListener(s -> presences.add((Presence) s), StanzaTypeFilter.PRESENCE);
        Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    /** The full JID the server bound, e.g. {@code alice@localhost/test}. */
    public EntityFullJid jid() {
        return connection.getUser();
    }

    public DiscoverInfo discoInfo(String jid)
            throws XMPPException, SmackException, InterruptedException, IOException {
        return ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(JidCreate.from(jid));
    }

    /** XEP-0077 form request: {@code iq get} of {@code jabber:iq:register}. Returns the reply, result or error. */
    public IQ registrationForm(String gatewayJid) throws SmackException, InterruptedException, IOException {
        Registration get = new Registration();
        get.setType(IQ.Type.get);
        return request(gatewayJid, get);
    }

    /**
     * XEP-0077 registration with a gateway (Smack's AccountManager only ever talks to the user's own server).
     * Returns the reply, a result or an error IQ, without throwing on error so tests can assert on it.
     */
    public IQ register(String gatewayJid, String username, String password)
            throws SmackException, InterruptedException, IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        Registration set = new Registration(fields);
        set.setType(IQ.Type.set);
        return request(gatewayJid, set);
    }

    /** XEP-0077 cancellation: {@code <remove/>}. Returns the reply, result or error. */
    public IQ unregister(String gatewayJid) throws SmackException, InterruptedException, IOException {
        Registration remove = new Registration(Map.of("remove", ""));
        remove.setType(IQ.Type.set);
        return request(gatewayJid, remove);
    }

    /** Sends any IQ request to {@code to} and returns the reply (result or error); fails the test on timeout. */
    public IQ request(String to, IQ iq) throws SmackException, InterruptedException, IOException {
        return request(to, iq, REPLY_TIMEOUT);
    }

    /** As {@link #request(String, IQ)}, for requests whose answer waits for something long (a whole transfer). */
    public IQ request(String to, IQ iq, Duration timeout) throws SmackException, InterruptedException, IOException {
        iq.setTo(JidCreate.from(to));
        try (StanzaCollector collector = connection.createStanzaCollectorAndSend(iq)) {
            IQ reply = collector.nextResult(timeout.toMillis());
            if (reply == null) {
                throw new AssertionError("no reply to " + iq.toXML() + " within " + timeout.toMillis() + " ms");
            }
            return reply;
        }
    }

    public void sendPresenceAvailable() throws SmackException.NotConnectedException, InterruptedException {
        sendPresence(Presence.Type.available);
    }

    /** An available broadcast presence with a {@code <show/>} and {@code <status/>}. */
    public void sendPresenceAvailable(Presence.Mode mode, String status)
            throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setMode(mode).setStatus(status).build());
    }

    public void sendPresenceUnavailable() throws SmackException.NotConnectedException, InterruptedException {
        sendPresence(Presence.Type.unavailable);
    }

    private void sendPresence(Presence.Type type) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza().ofType(type).build());
    }

    /** A chat message with a body. */
    public void sendMessage(String to, String body)
            throws SmackException.NotConnectedException, InterruptedException, IOException {
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(to)).ofType(Message.Type.chat).setBody(body).build());
    }

    /** Removes and returns the first received message matching {@code filter}; fails the test on timeout. */
    public Message awaitMessage(Predicate<Message> filter, Duration timeout) throws InterruptedException {
        return messages.await(filter, timeout);
    }

    /** The first received message carrying {@code jabber:x:oob}. */
    public Message awaitOobMessage(Duration timeout) throws InterruptedException {
        return messages.await(m -> Oob.ofMessage(m).isPresent(), timeout);
    }

    public Presence awaitPresence(Predicate<Presence> filter, Duration timeout) throws InterruptedException {
        return presences.await(filter, timeout);
    }

    /** Messages received and not yet taken by an await. */
    public StanzaInbox<Message> messages() {
        return messages;
    }

    /** Presences received and not yet taken by an await. */
    public StanzaInbox<Presence> presences() {
        return presences;
    }

    /**
     * Whether this client behaves like an iq:oob capable client (libpurple-based ones do): advertises
     * {@code jabber:iq:oob} in disco#info (and so in its entity caps) and keeps received offers for the test
     * to answer with {@link IqOobOffer#accept()} or {@link IqOobOffer#reject}. When off, Smack answers such
     * requests with service-unavailable, like a client without XEP-0066.
     */
    public void advertiseIqOob(boolean enabled) {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        if (enabled) {
            connection.registerIQRequestHandler(iqOobHandler);
            disco.addFeature(Oob.IQ_OOB);
        } else {
            disco.removeFeature(Oob.IQ_OOB);
            connection.unregisterIQRequestHandler(iqOobHandler);
        }
    }

    /** Lists {@code feature} in this client's disco#info, as a client supporting it would. */
    public void advertiseFeature(String feature) {
        ServiceDiscoveryManager.getInstanceFor(connection).addFeature(feature);
    }

    /** The next {@code jabber:iq:oob} offer, not yet answered; fails the test on timeout. */
    public IqOobOffer awaitIqOob(Duration timeout) throws InterruptedException {
        return iqOobOffers.await(offer -> true, timeout);
    }

    @Override
    public void close() {
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }

    @Override
    public String toString() {
        return "XmppTestClient[" + connection.getUser() + "]";
    }

    /** Smack has no XEP-0066 provider: the request is an UnparsedIQ whose raw XML we read ourselves. */
    private final class IqOobHandler extends AbstractIqRequestHandler {
        IqOobHandler() {
            super("query", Oob.IQ_OOB, IQ.Type.set, IQRequestHandler.Mode.async);
        }

        @Override
        public IQ handleIQRequest(IQ request) {
            try {
                StandardExtensionElement query = parse(((UnparsedIQ) request).getContent());
                iqOobOffers.add(new IqOobOffer(connection, request, Oob.of(query), query.getAttributeValue("sid")));
                return null; // no automatic reply: the test answers through the IqOobOffer
            } catch (RuntimeException | IOException | XmlPullParserException | SmackParsingException e) {
                log.warn("unreadable iq:oob {}", request.toXML(), e);
                return IQ.createErrorResponse(request, StanzaError.Condition.bad_request);
            }
        }

        private StandardExtensionElement parse(CharSequence xml)
                throws IOException, XmlPullParserException, SmackParsingException {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml.toString());
            return StandardExtensionElementProvider.INSTANCE.parse(parser);
        }
    }
}
