package org.oscartransport.http.endpoint;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.oscartransport.http.tls.ReloadingServerContext;

/**
 * The path of a request through an endpoint connection, top to bottom: TLS when configured, idle timer, HTTP/1.1
 * codec (no aggregator: requests carry no body we want; no compressor: Content-Length must stay exact), with TLS a
 * chunked writer (sendfile cannot pass through encryption, so spool reads go as chunks), keep-alive bookkeeping,
 * then the handler that answers.
 */
final class EndpointChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(8192)
            .setMaxChunkSize(8192);

    private final EndpointResolver endpoints;
    private final Duration idleTimeout;
    /** Null for plain HTTP. */
    private final ReloadingServerContext tls;

    EndpointChannelInitializer(EndpointResolver endpoints, Duration idleTimeout, ReloadingServerContext tls) {
        this.endpoints = endpoints;
        this.idleTimeout = idleTimeout;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) ch.pipeline().addLast("tls", tls.current().newHandler(ch.alloc()));
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .addLast("http", new HttpServerCodec(DECODER));
        if (tls != null) ch.pipeline().addLast("chunks", new ChunkedWriteHandler());
        ch.pipeline()
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("download", new DownloadRequestHandler(endpoints));
    }
}
