package org.oscartransport.oscar.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.login.BosTicket;
import org.oscartransport.oscar.login.LoginClientHandler;
import org.oscartransport.oscar.login.OscarLoginException.Reason;
import org.oscartransport.oscar.login.OscarLoginException;
import org.oscartransport.oscar.session.bos.BosSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs ICQ accounts in: BUCP/MD5 login, then the BOS session. Every session runs on one event loop of the shared
 * group (no thread per session); the channel classes come from the {@link SocketTransport} (NIO unless
 * given). Blocking file work (checksums) runs on a small shared pool of daemon threads.
 */
public final class OscarClient {

    private static final Logger log = LoggerFactory.getLogger(OscarClient.class);
    private static final AtomicInteger BLOCKING_THREADS = new AtomicInteger();

    private final EventLoopGroup group;
    private final OscarClientConfig config;
    private final ExecutorService blockingWork;
    private final SocketTransport transport;

    /** A client on an NIO event loop group. */
    public OscarClient(EventLoopGroup group, OscarClientConfig config) {
        this(group, config, SocketTransport.NIO);
    }

    /** A client on any event loop group, with the channel classes that fit it. */
    public OscarClient(EventLoopGroup group, OscarClientConfig config, SocketTransport transport) {
        this.group = Objects.requireNonNull(group, "group");
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        // at most two file checksums at a time per client; idle threads go away, so an idle client costs nothing
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "oscar-blocking-" + BLOCKING_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.blockingWork = pool;
    }

    public OscarClientConfig config() {
        return config;
    }

    /**
     * Logs {@code uin} in. Completes with a signed-on session, or fails with an {@link OscarLoginException}.
     * {@code listener} is called on the session's event loop from the moment the BOS connection opens.
     */
    public CompletableFuture<OscarSession> login(String uin, String password, OscarSessionListener listener) {
        Objects.requireNonNull(listener, "listener");
        EventLoop loop = group.next();
        CompletableFuture<OscarSession> result = new CompletableFuture<>();
        Promise<BosTicket> ticket = requestTicket(loop, uin, password, result);
        ticket.addListener(f -> {
            if (f.isSuccess()) {
                connectBos(loop, uin, ticket.getNow(), listener, result);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /**
     * Checks {@code password} with the login server (BUCP/MD5) and stops there: no BOS sign-on, so a session of
     * the same UIN that is signed on stays so. Completes once the server accepts, or fails with an
     * {@link OscarLoginException}.
     */
    public CompletableFuture<Void> checkPassword(String uin, String password) {
        EventLoop loop = group.next();
        CompletableFuture<Void> result = new CompletableFuture<>();
        Promise<BosTicket> ticket = requestTicket(loop, uin, password, result);
        ticket.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /**
     * The BUCP step: a login server connection that yields a BOS ticket. {@code result} fails with a timeout after
     * the configured login timeout; the login connection closes once {@code result} is done.
     */
    private Promise<BosTicket> requestTicket(EventLoop loop, String uin, String password, CompletableFuture<?> result) {
        Objects.requireNonNull(uin, "uin");
        Objects.requireNonNull(password, "password");
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            result.completeExceptionally(new OscarLoginException(
                    Reason.TIMEOUT, "Login of " + uin + " did not complete within " + config.loginTimeout()));
        }, config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((s, e) -> timeout.cancel(false));

        Promise<BosTicket> ticket = loop.newPromise();
        Channel login = bootstrap(loop, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                ch.pipeline().addLast(new LoginClientHandler(uin, password, config.loginServer().getPort(), ticket));
            }
        }).connect(config.loginServer()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ticket.tryFailure(new OscarLoginException(Reason.UNREACHABLE,
                        "Cannot reach login server " + config.loginServer() + ": " + f.cause().getMessage(),
                        f.cause()));
            }
        }).channel();
        result.whenComplete((s, e) -> login.close());
        return ticket;
    }

    private void connectBos(EventLoop loop, String uin, BosTicket ticket, OscarSessionListener listener,
            CompletableFuture<OscarSession> result) {
        if (result.isDone()) {
            return;
        }
        BosSession session = new BosSession(uin, ticket.cookie(), listener, config, transport, blockingWork);
        InetSocketAddress bos = InetSocketAddress.createUnresolved(ticket.host(), ticket.port());
        ChannelFuture connect = bootstrap(loop, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                session.install(ch.pipeline());
            }
        }).connect(bos.getHostString(), bos.getPort());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new OscarLoginException(Reason.UNREACHABLE,
                        "Cannot reach BOS server " + ticket.host() + ":" + ticket.port() + ": "
                                + f.cause().getMessage(), f.cause()));
            }
        });
        session.signedOn().whenComplete((ok, e) -> {
            if (e == null) {
                if (!result.complete(session)) {
                    session.close(); // the login timed out meanwhile
                }
            } else {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((s, e) -> {
            if (e != null) {
                log.debug("Login of {} failed: {}", uin, e.toString());
                connect.channel().close();
            }
        });
    }

    private Bootstrap bootstrap(EventLoop loop, ChannelInitializer<SocketChannel> initializer) {
        return new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(OffLoopResolverGroup.SYSTEM)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(initializer);
    }
}
