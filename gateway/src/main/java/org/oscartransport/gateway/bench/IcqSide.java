package org.oscartransport.gateway.bench;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.oscartransport.gateway.io.NettyIo;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * The ICQ network of the bench: our OSCAR emulator and the contacts who send files, logged in with our own
 * {@link OscarClient} ({@link OscarSession#sendFile}: OFT2 over sendfile). Its own one-thread event loop group,
 * apart from the transport's, as a remote network would be.
 */
final class IcqSide implements AutoCloseable {

    private static final NettyIo IO = NettyIo.best();
    private final EventLoopGroup group = IO.newGroup(1);
    private final OscarEmulator emulator;
    private final OscarClient client;
    private final List<OscarSession> contacts = new ArrayList<>();

    IcqSide() {
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open(), IO.sockets());
        client = new OscarClient(group, new OscarClientConfig(emulator.address(), Duration.ofSeconds(20),
                Duration.ofSeconds(60), true, Duration.ofMinutes(30)), IO.sockets());
    }

    /** Presence only to users who list the buddy, as a real server: idle sessions must not all hear of each other. */
    IcqSide listedPresenceOnly() {
        emulator.options().presenceToListersOnly(true);
        return this;
    }

    InetSocketAddress server() {
        return emulator.address();
    }

    /** Signs contacts on, UINs {@code first}, {@code first + 1}, ... */
    List<OscarSession> contacts(int first, int count) throws Exception {
        return contacts(first, count, new OscarSessionListener() {});
    }

    /** Signs contacts on, each with {@code listener} (e.g. one that takes the files they are offered). */
    List<OscarSession> contacts(int first, int count, OscarSessionListener listener) throws Exception {
        List<CompletableFuture<OscarSession>> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(client.login(Integer.toString(first + i), "pw", listener));
        }
        List<OscarSession> signedOn = new ArrayList<>();
        for (CompletableFuture<OscarSession> login : logins) {
            signedOn.add(login.get(60, TimeUnit.SECONDS));
        }
        contacts.addAll(signedOn);
        return signedOn;
    }

    @Override
    public void close() {
        contacts.forEach(OscarSession::close);
        emulator.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
