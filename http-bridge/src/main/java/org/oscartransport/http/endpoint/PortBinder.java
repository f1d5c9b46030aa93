package org.oscartransport.http.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Binds a listener on the first free port of a range, trying each port once, starting at a given offset. */
final class PortBinder {

    private PortBinder() {}

    static CompletableFuture<Channel> bind(ServerBootstrap bootstrap, InetAddress host, PortRange ports,
            int startOffset) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        attempt(bootstrap, host, ports, startOffset, 0, null, result);
        return result;
    }

    private static void attempt(ServerBootstrap bootstrap, InetAddress host, PortRange ports, int startOffset,
            int tried, Throwable lastFailure, CompletableFuture<Channel> result) {
        if (tried == ports.size()) {
            result.completeExceptionally(new NoFreePortException(host.getHostAddress(), ports, lastFailure));
            return;
        }
        int port = ports.first() + (startOffset + tried) % ports.size();
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port));
        bound.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(bound.channel());
            } else {
                // Only "address in use" is worth a retry, but other failures (bad address, no permission) are
                // cheap to repeat and end in NoFreePortException carrying the real error as its cause.
                attempt(bootstrap, host, ports, startOffset, tried + 1, f.cause(), result);
            }
        });
    }
}
