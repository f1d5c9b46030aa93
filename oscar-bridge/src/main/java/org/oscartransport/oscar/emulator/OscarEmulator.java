package org.oscartransport.oscar.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.session.SocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small OSCAR server for tests and demos: BUCP login and BOS on one port, ICBM relay with verified IPs. Runs
 * on the caller's event loop group.
 */
public final class OscarEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OscarEmulator.class);

    private final Channel server;
    private final ChannelGroup connections;
    private final EmulatorRegistry registry;
    private final EmulatorOptions options;
    private final RateViolations rateViolations;

    private OscarEmulator(Channel server, ChannelGroup connections, EmulatorRegistry registry,
            EmulatorOptions options, RateViolations rateViolations) {
        this.server = server;
        this.connections = connections;
        this.registry = registry;
        this.options = options;
        this.rateViolations = rateViolations;
    }

    /** Binds {@code listen} (port 0 picks a free port; see {@link #address()}) and starts serving, on NIO. */
    public static OscarEmulator start(EventLoopGroup group, InetSocketAddress listen, Accounts accounts) {
        return start(group, listen, accounts, SocketTransport.NIO);
    }

    /** Like {@link #start(EventLoopGroup, InetSocketAddress, Accounts)} on a group of another transport. */
    public static OscarEmulator start(EventLoopGroup group, InetSocketAddress listen, Accounts accounts,
            SocketTransport transport) {
        EmulatorRegistry registry = new EmulatorRegistry();
        EmulatorOptions options = new EmulatorOptions();
        IcbmRelay relay = new IcbmRelay(registry, options);
        Presence presence = new Presence(registry, new FeedbagStore(), new Authorizations(accounts), options);
        RateViolations rateViolations = new RateViolations();
        ChannelGroup connections = new DefaultChannelGroup("oscar-emulator", GlobalEventExecutor.INSTANCE);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        OscarPipeline.addCodecs(ch.pipeline());
                        ch.pipeline().addLast(new EmulatorConnectionHandler(accounts, registry, relay, presence,
                                rateViolations));
                    }
                })
                .bind(listen)
                .syncUninterruptibly()
                .channel();
        log.info("OSCAR emulator listening on {} ({} accounts)", server.localAddress(),
                accounts.isOpen() ? "open" : "listed");
        return new OscarEmulator(server, connections, registry, options, rateViolations);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Whether {@code uin} has a BOS connection right now (a test hook: wait for a transport's sign-on). */
    public boolean isOnline(String uin) {
        return registry.find(uin) != null;
    }

    /**
     * How many SNACs from {@code uin} broke a rate limit (refused, or the one that got it disconnected) since the
     * emulator started: a test hook to show that a client keeps to the announced rates.
     */
    public int rateViolations(String uin) {
        return rateViolations.of(uin);
    }

    /** Test knobs (verified IPs, reverse proposals, rate classes, ICBM size); live, change them at any time. */
    public EmulatorOptions options() {
        return options;
    }

    /** Completes when the listener closes. */
    public ChannelFuture closeFuture() {
        return server.closeFuture();
    }

    /** Stops listening and closes every client connection. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
