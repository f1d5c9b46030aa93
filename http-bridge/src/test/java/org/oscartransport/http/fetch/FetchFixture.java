package org.oscartransport.http.fetch;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

/** A real NIO group and the fetchers tests make on it; closes them all. */
final class FetchFixture implements AutoCloseable {

    /** What tests on 127.0.0.1 need: private addresses allowed, short timeouts so failures show quickly. */
    static final FetchPolicy LOOPBACK = FetchPolicy.defaults().withPrivateAddresses(true)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<UrlFetcher> fetchers = new ArrayList<>();

    UrlFetcher fetcher(FetchPolicy policy) {
        UrlFetcher fetcher = new UrlFetcher(group, policy);
        fetchers.add(fetcher);
        return fetcher;
    }

    /**
     * A fetcher whose host names resolve from {@code names} only (unknown names fail as DNS would); IP literals
     * stand for themselves, as with the system lookup.
     */
    UrlFetcher fetcher(FetchPolicy policy, Map<String, List<String>> names, TrustManagerFactory trust) {
        HostLookup lookup = host -> {
            boolean isLiteral = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
            List<String> literals = isLiteral ? List.of(host) : names.get(host);
            if (literals == null) throw new UnknownHostException(host);
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) addresses.add(InetAddress.getByName(literal));
            return addresses;
        };
        UrlFetcher fetcher = new UrlFetcher(group, NioSocketChannel::new, policy, trust, lookup);
        fetchers.add(fetcher);
        return fetcher;
    }

    /** The probe's result, or its {@link FetchException} thrown as is. */
    static RemoteFile probe(UrlFetcher fetcher, URI url) throws Exception {
        try {
            return fetcher.probe(url).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() throws Exception {
        fetchers.forEach(UrlFetcher::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
}
