package org.oscartransport.http.fetch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;

/**
 * The path of a fetch connection, top to bottom: TLS for https (SNI and certificate check against the URL's
 * host name, though we connect to an address), the read timeout, the HTTP/1.1 client codec (no aggregator and
 * no decompressor: the body passes through as the server's own buffers), then the one handler that drives the
 * request, added by the caller once connected.
 */
final class FetchChannelInitializer extends ChannelInitializer<Channel> {

    /** Body pieces up to a socket read's size: fewer, larger slices of the same buffer, no copies. */
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(16 * 1024)
            .setMaxChunkSize(64 * 1024);

    private final FetchTarget target;
    private final SslContext ssl;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    FetchChannelInitializer(FetchTarget target, SslContext ssl, Duration connectTimeout, Duration readTimeout) {
        this.target = target;
        this.ssl = ssl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (target.https()) {
            SslHandler tls = ssl.newHandler(ch.alloc(), target.host(), target.port());
            tls.setHandshakeTimeoutMillis(connectTimeout.toMillis());
            ch.pipeline().addLast("tls", tls);
        }
        ch.pipeline()
                .addLast("readTimeout", new ReadTimeoutGuard(readTimeout))
                .addLast("http", new HttpClientCodec(DECODER, HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST,
                        HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE));
    }
}
