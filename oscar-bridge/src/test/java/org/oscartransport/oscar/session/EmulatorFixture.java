package org.oscartransport.oscar.session;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.EmulatorOptions;
import org.oscartransport.oscar.emulator.OscarEmulator;

/** An emulator (open accounts unless given) on a free loopback port, and logins of our client against it. */
final class EmulatorFixture implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final OscarEmulator emulator;

    EmulatorFixture() {
        this(Accounts.open());
    }

    EmulatorFixture(Accounts accounts) {
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), accounts);
    }

    /** The emulator itself, for its knobs and what it observed. */
    OscarEmulator emulator() {
        return emulator;
    }

    OscarSession login(String uin, OscarSessionListener listener) throws Exception {
        OscarClient client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        return client.login(uin, "x", listener).get(10, TimeUnit.SECONDS);
    }

    EmulatorOptions options() {
        return emulator.options();
    }

    @Override
    public void close() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
