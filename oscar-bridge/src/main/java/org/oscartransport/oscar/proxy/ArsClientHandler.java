package org.oscartransport.oscar.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of the proxy handshake (oscar.md §7.2) on a fresh connection to the ARS: sends INIT_SEND ("create")
 * or INIT_RECV ("join"), reports ACK (pin and proxy IP), and on READY hands the channel over: the listener
 * installs the OFT handler, then this handler removes itself, passing on any bytes already read after READY.
 */
public final class ArsClientHandler extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ArsClientHandler.class);

    /** Called on the channel's event loop; after onReady or onFailure nothing more is called. */
    public interface Listener {
        /** The proxy created our session (creator only). */
        default void onAck(int pin, byte[] proxyIpv4) {}

        /** Both sides are connected; install the next handler on {@code channel} now. */
        void onReady(Channel channel);

        void onFailure(Throwable cause);
    }

    private final ArsFrame request;
    private final Listener listener;
    private boolean requested;
    private boolean ended;

    /** @param request {@link ArsFrame#initSend} or {@link ArsFrame#initRecv} */
    public ArsClientHandler(ArsFrame request, Listener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendRequest(ctx);
        super.channelActive(ctx);
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (requested) {
            return;
        }
        requested = true;
        ctx.channel().config().setAutoRead(true);
        ctx.writeAndFlush(request.encode(ctx.alloc())).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, new IOException("Cannot write to the rendezvous proxy", f.cause()));
            }
        });
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ArsFrame frame = ArsFrame.read(in);
        if (frame == null || ended) {
            return;
        }
        log.debug("ARS: {}", frame.describe());
        switch (frame.command()) {
            case ArsFrame.ACK -> listener.onAck(frame.ackPin(), frame.ackIp());
            case ArsFrame.READY -> {
                ended = true;
                listener.onReady(ctx.channel());
                // ByteToMessageDecoder passes what is left of the stream to the handler just installed
                ctx.pipeline().remove(this);
            }
            case ArsFrame.ERROR -> fail(ctx, new ArsErrorException(frame.errorCode()));
            default -> fail(ctx, new IOException("Unexpected frame from the rendezvous proxy: " + frame.describe()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new IOException("The rendezvous proxy closed the connection"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        ctx.close();
        listener.onFailure(cause);
    }
}
