package org.oscartransport.gateway.e2e;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.it.ProsodyServer;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;

/**
 * Everything an end-to-end test runs against, on loopback with free ports: a real Prosody with the component
 * declared, the OSCAR emulator with known accounts, the transport, and an OSCAR client for ICQ contacts.
 */
final class TransportFixture implements AutoCloseable {

    static final String DOMAIN = "icq.localhost";
    static final String SECRET = "component-secret";
    static final Duration WAIT = Duration.ofSeconds(20);

    final ProsodyServer prosody;
    final EventLoopGroup group;
    OscarEmulator emulator;
    private Accounts accounts;
    private final List<String> transportOptions;
    Transport transport;
    final OscarClient contacts;

    private TransportFixture(ProsodyServer prosody, EventLoopGroup group, OscarEmulator emulator,
            List<String> transportOptions, Transport transport, OscarClient contacts) {
        this.transportOptions = transportOptions;
        this.prosody = prosody;
        this.group = group;
        this.emulator = emulator;
        this.transport = transport;
        this.contacts = contacts;
    }

    /**
     * @param icqAccounts UIN → password known to the emulator
     * @param jabberUsers user names registered on Prosody, each with password {@code NAMEpw}
     * @param extraOptions more transport options ({@code --key=value})
     */
    static TransportFixture start(Map<String, String> icqAccounts, List<String> jabberUsers, String... extraOptions)
            throws Exception {
        return start(icqAccounts, Set.of(), jabberUsers, extraOptions);
    }

    /** Like {@link #start(Map, List, String...)}; the UINs in {@code requireAuthorization} require authorization. */
    static TransportFixture start(Map<String, String> icqAccounts, Set<String> requireAuthorization,
            List<String> jabberUsers, String... extraOptions) throws Exception {
        Accounts accounts = Accounts.of(icqAccounts).requiringAuthorization(requireAuthorization);
        Path work = Files.createDirectories(Path.of("target", "e2e"));
        ProsodyServer prosody = ProsodyServer.start(Files.createTempDirectory(work, "prosody"), DOMAIN, SECRET);
        for (String user : jabberUsers) {
            prosody.registerUser(user, user + "pw");
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        OscarEmulator emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), accounts);
        int httpFirst = FreePorts.range(20);
        Path dataDir = Files.createTempDirectory(work, "data").toAbsolutePath();
        List<String> options = new ArrayList<>(List.of(
                "--xmpp.host=127.0.0.1", "--xmpp.port=" + prosody.componentPort(), "--xmpp.domain=" + DOMAIN,
                "--xmpp.secret=" + SECRET,
                "--oscar.host=127.0.0.1", "--oscar.port=" + emulator.address().getPort(),
                "--http.bind=127.0.0.1", "--http.public-host=127.0.0.1",
                "--http.ports=" + httpFirst + "-" + (httpFirst + 19),
                "--data.dir=" + dataDir,
                "--net.allow-private-addresses=true",
                // ping often, so that every test also proves the liveness check never disturbs a live link
                "--xmpp.ping-interval=2s", "--xmpp.ping-timeout=5s"));
        options.addAll(List.of(extraOptions));
        Transport transport = Transport.start(ConfigLoader.withEnvironment(Map.of()).load(options));
        OscarClient contacts = new OscarClient(group, new OscarClientConfig(emulator.address(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), true, Duration.ofSeconds(60)));
        TransportFixture fixture = new TransportFixture(prosody, group, emulator, options, transport, contacts);
        fixture.accounts = accounts;
        return fixture;
    }

    /** The first port of the transport's own download range. */
    int firstHttpPort() {
        String range = transportOptions.stream().filter(o -> o.startsWith("--http.ports=")).findFirst().orElseThrow();
        return Integer.parseInt(range.substring("--http.ports=".length()).split("-")[0]);
    }

    Path dataDir() {
        return Path.of(transportOptions.stream().filter(o -> o.startsWith("--data.dir=")).findFirst().orElseThrow()
                .substring("--data.dir=".length()));
    }

    /** The ICQ account's owner sets a new password (on the ICQ website, say): sessions signed on stay. */
    void changeIcqPassword(String uin, String password) {
        accounts.changePassword(uin, password);
    }

    /** Stops the OSCAR server, as a restart or crash would, waits, and starts it again on the same port. */
    void restartEmulator(Duration down) throws Exception {
        InetSocketAddress address = emulator.address();
        emulator.close();
        Thread.sleep(down.toMillis());
        emulator = OscarEmulator.start(group, address, accounts);
    }

    /** Stops the transport and starts it again with the same settings and data. */
    void restartTransport() throws Exception {
        transport.close();
        transport = Transport.start(ConfigLoader.withEnvironment(Map.of()).load(transportOptions));
    }

    XmppTestClient connect(String user, String resource) throws Exception {
        return XmppTestClient.connect(prosody, user, user + "pw", resource);
    }

    /** Registers the user's UIN with the transport and waits until their ICQ session is up. */
    static void goOnline(XmppTestClient user, String uin, String password) throws Exception {
        IQ answer = user.register(DOMAIN, uin, password);
        if (answer.getType() != IQ.Type.result) {
            throw new AssertionError("registration refused: " + answer.toXML());
        }
        user.sendPresenceAvailable();
        user.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), WAIT);
    }

    @Override
    public void close() {
        transport.close();
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        prosody.close();
    }
}
