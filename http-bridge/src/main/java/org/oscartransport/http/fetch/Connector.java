package org.oscartransport.http.fetch;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a fetch connection to checked addresses only, trying them in order until one accepts. The channel it
 * completes with is connected and has the whole pipeline but the exchange handler, which the caller adds.
 */
final class Connector {

    private final EventLoopGroup group;
    private final ChannelFactory<? extends Channel> channelFactory;
    private final SslContext ssl;
    private final FetchPolicy policy;

    Connector(EventLoopGroup group, ChannelFactory<? extends Channel> channelFactory, SslContext ssl,
            FetchPolicy policy) {
        this.group = group;
        this.channelFactory = channelFactory;
        this.ssl = ssl;
        this.policy = policy;
    }

    /** Completes with the channel and the address it reached, or with the last address's failure. */
    CompletableFuture<Connected> connect(FetchTarget target, List<InetSocketAddress> checked) {
        return connect(target, checked, group);
    }

    /** The same, the channel on {@code loops} (one event loop of the group, or the group itself). */
    CompletableFuture<Connected> connect(FetchTarget target, List<InetSocketAddress> checked, EventLoopGroup loops) {
        CompletableFuture<Connected> result = new CompletableFuture<>();
        attempt(target, checked, 0, null, loops, result);
        return result;
    }

    record Connected(Channel channel, InetSocketAddress address) {}

    private void attempt(FetchTarget target, List<InetSocketAddress> checked, int index, Throwable lastFailure,
            EventLoopGroup loops, CompletableFuture<Connected> result) {
        if (index == checked.size()) {
            result.completeExceptionally(lastFailure);
            return;
        }
        InetSocketAddress address = checked.get(index);
        ChannelFuture connecting = new Bootstrap()
                .group(loops)
                .channelFactory(channelFactory)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        policy.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .disableResolver() // the address was checked: nothing may look the name up again
                .handler(new FetchChannelInitializer(target, ssl, policy.connectTimeout(), policy.readTimeout()))
                .connect(address);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new Connected(connecting.channel(), address));
            } else {
                attempt(target, checked, index + 1, f.cause(), loops, result);
            }
        });
    }
}
