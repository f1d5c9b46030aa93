package org.oscartransport.gateway.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's scrape endpoint: {@code GET /metrics} answers the Prometheus text format, anything else 404, one
 * request per connection. It runs on the transport's own event loops (Netty, like every other listener here)
 * rather than a thread pool of its own, and never on the public download ports.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    /** Prometheus text exposition format 0.0.4, what every scraper accepts. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Scrapers ask and hang up; a connection that says nothing is dropped. */
    private static final int READ_TIMEOUT_SECONDS = 30;

    private final Channel listener;

    private MetricsServer(Channel listener) {
        this.listener = listener;
    }

    /** Binds {@code address} and serves {@code scrape} until {@link #close()}; {@code group} must be NIO. */
    public static MetricsServer start(EventLoopGroup group, InetSocketAddress address, Supplier<String> scrape)
            throws InterruptedException {
        return start(group, NioServerSocketChannel::new, address, scrape);
    }

    /** @param serverChannels makes server channels that can register with {@code group}'s event loops */
    public static MetricsServer start(EventLoopGroup group, ChannelFactory<? extends ServerChannel> serverChannels,
            InetSocketAddress address, Supplier<String> scrape) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(group)
                .channelFactory(serverChannels)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new ScrapeHandler(scrape));
                    }
                })
                .bind(address).sync().channel();
        MetricsServer server = new MetricsServer(channel);
        log.info("metrics at http://{}/metrics", server.address());
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }

    /** Answers the request line; the body of a request, if any, is ignored. */
    private static final class ScrapeHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final Supplier<String> scrape;

        ScrapeHandler(Supplier<String> scrape) {
            this.scrape = scrape;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest request)) {
                return;
            }
            boolean metrics = request.method().equals(HttpMethod.GET)
                    && new QueryStringDecoder(request.uri()).path().equals("/metrics");
            FullHttpResponse response = metrics
                    ? response(HttpResponseStatus.OK, CONTENT_TYPE, scrape.get())
                    : response(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found\n");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private FullHttpResponse response(HttpResponseStatus status, String contentType, String text) {
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("metrics connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
