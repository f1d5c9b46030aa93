package org.oscartransport.http.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.oscartransport.http.naming.SafeFileName;
import org.oscartransport.http.tls.ReloadingServerContext;
import org.oscartransport.http.token.UrlToken;

/**
 * Opens per-transfer HTTP endpoints: for each file a listener on a free port of the configured range, serving
 * {@code http://PUBLIC-HOST:PORT/TOKEN/FILENAME}, or {@code https://} when the config has TLS files. With a
 * {@linkplain HttpEndpointConfig#withSharedListener shared listener} every endpoint is served by path from one
 * listener instead, at {@code PUBLIC-BASE/TOKEN/FILENAME}. Thread-safe.
 */
public final class TransferEndpoints implements AutoCloseable {

    /**
     * Per-connection write buffer: the source pauses above the high mark and resumes below the low one, so a
     * transfer holds at most about 64 KiB in memory whatever the file size.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final EventLoopGroup group;
    private final ChannelFactory<? extends ServerChannel> channelFactory;
    private final HttpEndpointConfig config;
    private final InetAddress bindAddress;
    private final SecureRandom random = new SecureRandom();
    private final Set<TransferEndpoint> open = ConcurrentHashMap.newKeySet();
    private final Consumer<ServerBootstrap> tuning;
    /** Null in stream-only mode. */
    private final SpoolStore spoolStore;
    private final ExecutorService spoolWriters;
    /** Null for plain HTTP. */
    private final ReloadingServerContext tls;
    /** Shared-listener mode only (else null): the routes, the listener, and the one loop both live on. */
    private final SharedRoutes routes;
    private final Channel sharedListener;
    private final EventLoop sharedLoop;

    /** For an NIO event loop group; use the other constructor for epoll or io_uring. */
    public TransferEndpoints(EventLoopGroup group, HttpEndpointConfig config) {
        this(group, nioFactoryFor(group), config);
    }

    /** @param channelFactory makes server channels that can register with {@code group}'s event loops */
    public TransferEndpoints(EventLoopGroup group, ChannelFactory<? extends ServerChannel> channelFactory,
            HttpEndpointConfig config) {
        this(group, channelFactory, config, bootstrap -> { });
    }

    /** @param tuning last word on each listener's bootstrap; tests use it to shrink socket buffers */
    TransferEndpoints(EventLoopGroup group, ChannelFactory<? extends ServerChannel> channelFactory,
            HttpEndpointConfig config, Consumer<ServerBootstrap> tuning) {
        this(group, channelFactory, config, tuning, ReloadingServerContext.DEFAULT_CHECK_INTERVAL);
    }

    /**
     * @throws IllegalArgumentException when the TLS files cannot be read or do not hold a usable chain and key
     */
    TransferEndpoints(EventLoopGroup group, ChannelFactory<? extends ServerChannel> channelFactory,
            HttpEndpointConfig config, Consumer<ServerBootstrap> tuning, Duration tlsCheckInterval) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.group = Objects.requireNonNull(group, "group");
        this.channelFactory = Objects.requireNonNull(channelFactory, "channelFactory");
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.bindAddress = InetAddress.getByName(config.bindHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind host '" + config.bindHost() + "'", e);
        }
        this.spoolStore = config.spooling()
                ? SpoolStore.open(config.spoolDir(), config.perOwnerQuotaBytes(), config.totalQuotaBytes())
                : null;
        this.spoolWriters = config.spooling() ? newSpoolWriters() : null;
        this.tls = config.encrypted() ? ReloadingServerContext.load(config.tls(), tlsCheckInterval) : null;
        if (config.sharedListener()) {
            // One loop for the listener, its connections and every endpoint: the endpoints' state machines then
            // stay lock-free, as on per-transfer listeners. Bytes move by sendfile and spool writes run off it.
            sharedLoop = group.next();
            routes = new SharedRoutes(config.shared().prefix());
            sharedListener = bindShared(config.shared());
        } else {
            sharedLoop = null;
            routes = null;
            sharedListener = null;
        }
    }

    private Channel bindShared(SharedListener shared) {
        ServerBootstrap bootstrap = bootstrap(sharedLoop, routes).option(ChannelOption.SO_BACKLOG, 128);
        InetAddress address;
        try {
            address = InetAddress.getByName(shared.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve shared listener host '" + shared.host() + "'", e);
        }
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(address, shared.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalArgumentException("cannot listen on " + shared.host() + ":" + shared.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    /** The shared listener's port (tests bind port 0), or -1 without one. */
    public int sharedPort() {
        return sharedListener == null ? -1 : ((InetSocketAddress) sharedListener.localAddress()).getPort();
    }

    private ServerBootstrap bootstrap(EventLoop loop, EndpointResolver resolver) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channelFactory(channelFactory)
                .option(ChannelOption.SO_BACKLOG, 16)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new EndpointChannelInitializer(resolver, config.idleTimeout(), tls));
        tuning.accept(bootstrap);
        return bootstrap;
    }

    /** {@link #open(FileDescriptor, DownloadSource, Duration, String)} counted only against the total quota. */
    public CompletableFuture<TransferEndpoint> open(FileDescriptor file, DownloadSource source, Duration expiry) {
        return open(file, source, expiry, null);
    }

    /**
     * Binds a listener for {@code file} on a free port. Its first GET starts {@code source}; see
     * {@link DownloadSource} for what the source is told. With a spool directory the whole size is reserved in
     * the quotas now, evicting {@code owner}'s (then anyone's) oldest finished spools if it must.
     *
     * @param expiry how long the URL stays valid; null for the configured default
     * @param owner  whose per-owner spool quota the file counts against (e.g. the user's bare JID); null for none
     * @return completes with the endpoint once it listens, or with {@link NoFreePortException}, or with
     *         {@link QuotaExceededException} when the file cannot fit even after evictions
     */
    public CompletableFuture<TransferEndpoint> open(FileDescriptor file, DownloadSource source, Duration expiry,
            String owner) {
        return open(file, source, expiry, owner, group.next());
    }

    /**
     * Like {@link #open(FileDescriptor, DownloadSource, Duration, String)}, with the listener and its connections
     * on {@code loop}: a source that produces on that same loop writes to the response without a thread hop per
     * chunk. {@code loop} must be able to register this instance's server channels (same transport as the group).
     * With a shared listener {@code loop} is ignored: every endpoint lives on the listener's loop.
     */
    public CompletableFuture<TransferEndpoint> open(FileDescriptor file, DownloadSource source, Duration expiry,
            String owner, EventLoop loop) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(source, "source");
        if (sharedLoop != null) loop = sharedLoop; // the shared listener's connections can only reach this loop
        Duration validFor = expiry == null ? config.defaultExpiry() : expiry;
        if (validFor.isZero() || validFor.isNegative()) throw new IllegalArgumentException("expiry must be positive");

        UrlToken token = UrlToken.random(random);
        SafeFileName name = SafeFileName.of(file.fileName())
                .fittingEncodedLength(EndpointPath.maxEncodedNameLength(token));
        EndpointPath path = new EndpointPath(token, name);
        HttpTransferEndpoint endpoint = new HttpTransferEndpoint(loop, file, name, source, path, validFor,
                config.gonePeriod(), spoolStore, spoolWriters);
        if (spoolStore != null) {
            try {
                endpoint.prepareSpool(owner);
            } catch (QuotaExceededException | IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        if (routes != null) return openShared(endpoint, path);

        // The listener and its connections share one event loop: the endpoint's state then needs no locks.
        ServerBootstrap bootstrap = bootstrap(loop, EndpointResolver.only(endpoint));
        PortRange ports = config.ports();
        return PortBinder.bind(bootstrap, bindAddress, ports, random.nextInt(ports.size()))
                .<TransferEndpoint>thenApplyAsync(listener -> {
                    int port = ((InetSocketAddress) listener.localAddress()).getPort();
                    endpoint.activate(listener, config.publicUrl(port, path.value()));
                    track(endpoint);
                    return endpoint;
                }, loop)
                .whenComplete((bound, failure) -> {
                    if (failure != null) endpoint.abandon();
                });
    }

    /** Shared listener: the endpoint only needs a route; it answers 404 like any unknown token once closed. */
    private CompletableFuture<TransferEndpoint> openShared(HttpTransferEndpoint endpoint, EndpointPath path) {
        return CompletableFuture.<TransferEndpoint>supplyAsync(() -> {
            endpoint.activate(null, config.sharedUrl(path.value()));
            routes.add(endpoint);
            endpoint.closeFuture().thenRun(() -> routes.remove(endpoint));
            track(endpoint);
            return endpoint;
        }, sharedLoop);
    }

    private void track(HttpTransferEndpoint endpoint) {
        open.add(endpoint);
        endpoint.closeFuture().thenRun(() -> open.remove(endpoint));
    }

    /** Spool bytes reserved by open endpoints. */
    long spooledBytes() {
        return spoolStore == null ? 0 : spoolStore.usedBytes();
    }

    /** Endpoints currently open. */
    public int openCount() {
        return open.size();
    }

    /** Closes every open endpoint (cancelling their sources) and the shared listener; the group is the caller's. */
    @Override
    public void close() {
        open.forEach(TransferEndpoint::close);
        if (sharedListener != null) sharedListener.close();
    }

    /**
     * Spool files are written off the event loops. Two threads serve every transfer (each spool's writes stay in
     * order); idle threads end, so an unused pool costs nothing and needs no shutdown.
     */
    private static ExecutorService newSpoolWriters() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "spool-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ChannelFactory<? extends ServerChannel> nioFactoryFor(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup io && io.isIoType(NioIoHandler.class)) {
            return NioServerSocketChannel::new;
        }
        throw new IllegalArgumentException(
                "not an NIO event loop group: pass a ServerChannel factory that matches its transport");
    }
}
