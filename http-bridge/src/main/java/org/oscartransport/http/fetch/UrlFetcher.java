package org.oscartransport.http.fetch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the files Jabber users send to ICQ contacts: {@link #probe} learns a URL's size and name before the
 * OFT proposal, {@link #stream} relays the body once the contact has accepted.
 *
 * <p>Every destination is resolved once and checked against the {@link FetchPolicy}; the connection goes to
 * the checked address (for https with SNI and a certificate verified against the URL's host name), and each
 * redirect is checked the same way. An OFT transfer needs the size up front: start one only when
 * {@link RemoteFile#sizeKnown()}; {@code stream} itself can also relay a body of unknown length.
 *
 * <p>Thread-safe. Futures and sink calls complete on an event loop or a lookup thread: never block in them.
 */
public final class UrlFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UrlFetcher.class);

    private final EventLoopGroup group;
    private final FetchPolicy policy;
    private final BlockingWork work = new BlockingWork();
    private final Destinations destinations;
    private final Connector connector;
    private final Prober prober;

    /** For an NIO event loop group, trusting the JDK's certificate authorities. */
    public UrlFetcher(EventLoopGroup group, FetchPolicy policy) {
        this(group, nioFactoryFor(group), policy, null);
    }

    /**
     * @param channelFactory makes socket channels that can register with {@code group}'s event loops
     * @param trust          certificate authorities for https; null for the JDK's own (tests pass their own)
     */
    public UrlFetcher(EventLoopGroup group, ChannelFactory<? extends Channel> channelFactory, FetchPolicy policy,
            TrustManagerFactory trust) {
        this(group, channelFactory, policy, trust, HostLookup.SYSTEM);
    }

    /** @param lookup how host names resolve; tests give names of their own */
    UrlFetcher(EventLoopGroup group, ChannelFactory<? extends Channel> channelFactory, FetchPolicy policy,
            TrustManagerFactory trust, HostLookup lookup) {
        this.group = Objects.requireNonNull(group, "group");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.destinations = new Destinations(Objects.requireNonNull(lookup, "lookup"), new AddressPolicy(policy),
                work);
        this.connector = new Connector(group, Objects.requireNonNull(channelFactory, "channelFactory"),
                clientTls(trust), policy);
        this.prober = new Prober(destinations, connector, policy);
    }

    public FetchPolicy policy() {
        return policy;
    }

    /**
     * Finds where {@code url} leads and what it holds, without reading the body.
     *
     * @return the file; or fails with a {@link FetchException}: {@link FetchRefusedException} (scheme, address,
     *         port, too large, too many redirects, untrusted certificate), {@link FetchNotFoundException} (404,
     *         410), {@link FetchUnreachableException} (no such host, connection refused),
     *         {@link FetchTimeoutException}, or {@link FetchFailedException}
     */
    public CompletableFuture<RemoteFile> probe(URI url) {
        CompletableFuture<RemoteFile> result = new CompletableFuture<>();
        prober.probe(url).whenComplete((file, failure) -> {
            if (failure == null) {
                log.debug("probed {}", file);
                result.complete(file);
                return;
            }
            Throwable cause = Failures.unwrap(failure);
            FetchException fetch = cause instanceof FetchException e ? e : new FetchFailedException(
                    "probe of " + FetchTarget.originOf(url) + " failed: " + cause, cause);
            log.debug("probe of {} failed: {}", FetchTarget.originOf(url), fetch.getMessage());
            result.completeExceptionally(fetch);
        });
        return result;
    }

    /**
     * GETs {@code file.finalUrl()} from {@code file.checkedAddress()} (checked against the policy again, never
     * looked up again) and hands the body to {@code sink} as it arrives; see {@link FetchSink} for the calls and
     * for back-pressure. A body longer than the probed size or the policy's limit, or shorter than announced,
     * fails. Any failure, even before connecting, reaches the sink as {@code onFailure}.
     */
    public void stream(RemoteFile file, FetchSink sink) {
        stream(file, sink, group);
    }

    /**
     * {@link #stream(RemoteFile, FetchSink)} with the fetch connection on {@code loop}, one of this fetcher's
     * group: a sink that passes the body on to a channel of that loop then does so without a hand-off between
     * threads for every chunk.
     */
    public void stream(RemoteFile file, FetchSink sink, EventLoop loop) {
        stream(file, sink, (EventLoopGroup) loop);
    }

    private void stream(RemoteFile file, FetchSink sink, EventLoopGroup loops) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        FetchTarget target;
        try {
            target = FetchTarget.of(file.finalUrl());
        } catch (FetchRefusedException e) {
            deliverFailure(sink, e);
            return;
        }
        destinations.recheck(file.checkedAddress())
                .thenCompose(address -> connector.connect(target, List.of(address), loops))
                .whenComplete((connected, failure) -> {
                    if (failure != null) {
                        FetchException cause = Failures.classify(failure, target);
                        log.debug("fetch from {} failed: {}", target.origin(), cause.getMessage());
                        deliverFailure(sink, cause);
                        return;
                    }
                    // From here the relay owns the sink's ending; it is added on the channel's event loop.
                    connected.channel().pipeline().addLast("relay", new BodyRelay(
                            Requests.of(HttpMethod.GET, target, policy.userAgent()), target, file.size(),
                            policy.maxSize(), sink));
                });
    }

    /** On an event loop, as every other sink call; on this thread when the group no longer runs tasks. */
    private void deliverFailure(FetchSink sink, FetchException cause) {
        try {
            group.next().execute(() -> sink.onFailure(cause));
        } catch (RejectedExecutionException shutDown) {
            sink.onFailure(cause);
        }
    }

    /** Stops the lookup threads. Channels in flight belong to the group and end with it. */
    @Override
    public void close() {
        work.close();
    }

    private static SslContext clientTls(TrustManagerFactory trust) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
            if (trust != null) builder.trustManager(trust);
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for fetching", e);
        }
    }

    private static ChannelFactory<? extends Channel> nioFactoryFor(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup io && io.isIoType(NioIoHandler.class)) {
            return NioSocketChannel::new;
        }
        throw new IllegalArgumentException(
                "not an NIO event loop group: pass a channel factory that matches its transport");
    }
}
