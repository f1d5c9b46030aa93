package org.oscartransport.oscar.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.oscartransport.oscar.session.SocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AOL rendezvous proxy (ARS, oscar.md §7.3) on its own listener: creators get a pin, joiners are matched by
 * pin and cookie, then both get READY and a transparent byte pipe. Unjoined sessions and silent connections
 * time out with the documented error codes.
 */
public final class RendezvousProxyEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RendezvousProxyEmulator.class);

    /**
     * @param unjoined how long a created session waits for its joiner (AOL: undocumented; 60 s by default)
     * @param silent how long a new connection may send nothing
     */
    public record Timeouts(Duration unjoined, Duration silent) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(30));
        }
    }

    private final Channel server;
    private final ChannelGroup connections;
    private final ArsSessions sessions;

    private RendezvousProxyEmulator(Channel server, ChannelGroup connections, ArsSessions sessions) {
        this.server = server;
        this.connections = connections;
        this.sessions = sessions;
    }

    public static RendezvousProxyEmulator start(EventLoopGroup group, InetSocketAddress listen) {
        return start(group, listen, Timeouts.defaults(), SocketTransport.NIO);
    }

    public static RendezvousProxyEmulator start(EventLoopGroup group, InetSocketAddress listen, Timeouts timeouts,
            SocketTransport transport) {
        ArsSessions sessions = new ArsSessions();
        ChannelGroup connections = new DefaultChannelGroup("ars-emulator", GlobalEventExecutor.INSTANCE);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast("ars", new ArsServerHandler(sessions, timeouts));
                    }
                })
                .bind(listen)
                .syncUninterruptibly()
                .channel();
        log.info("Rendezvous proxy emulator listening on {}", server.localAddress());
        return new RendezvousProxyEmulator(server, connections, sessions);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** How many sessions got their joiner (a test hook: was the proxy used?). */
    public int joinedSessions() {
        return sessions.joinedSessions();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
