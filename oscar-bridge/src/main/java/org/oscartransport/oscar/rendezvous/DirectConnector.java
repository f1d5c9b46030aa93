package org.oscartransport.oscar.rendezvous;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.session.SocketTransport;

/**
 * Stage-1 connect (oscar.md §6.8): tries every candidate address at once; the first connection wins, the rest
 * are closed; all together get one timeout. Winning channels have autoRead off, so no byte is read before the
 * caller has installed its handler.
 */
public final class DirectConnector {

    private DirectConnector() {}

    /**
     * @param resultExecutor where the returned promise runs its listeners (the session's event loop)
     */
    public static Promise<Channel> connect(EventLoopGroup group, SocketTransport transport, EventExecutor resultExecutor,
            List<InetSocketAddress> candidates, Duration timeout) {
        Promise<Channel> result = resultExecutor.newPromise();
        List<ChannelFuture> attempts = new ArrayList<>();
        int[] failures = {0};
        ScheduledFuture<?> timer = resultExecutor.schedule(() -> {
            result.tryFailure(new ConnectException("No connection to " + candidates + " within " + timeout));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (InetSocketAddress candidate : candidates) {
            ChannelFuture attempt = new Bootstrap()
                    .group(group)
                    .channel(transport.socketChannel())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(candidate);
            attempts.add(attempt);
            attempt.addListener((ChannelFuture f) -> resultExecutor.execute(() -> {
                if (f.isSuccess()) {
                    if (!result.trySuccess(f.channel())) {
                        f.channel().close(); // another candidate won, or we gave up
                    }
                } else if (++failures[0] == candidates.size()) {
                    result.tryFailure(f.cause());
                }
            }));
        }
        result.addListener(f -> {
            timer.cancel(false);
            Channel winner = f.isSuccess() ? result.getNow() : null;
            for (ChannelFuture attempt : attempts) {
                if (attempt.channel() != winner) {
                    attempt.cancel(false);
                    attempt.channel().close();
                }
            }
        });
        return result;
    }
}
