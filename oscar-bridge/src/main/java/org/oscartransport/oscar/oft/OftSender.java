package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every OFT2 sending side shares, whatever it sends: the lifecycle on an already-connected data channel
 * (start when active, fail on EOF, removal, idle timeout or any exception before the end), reading the peer's
 * frames and refusing any without our cookie, writing headers and file bodies, and completing {@code done}
 * exactly once. Subclasses own the PROMPT/ACK/DONE steps of their kind of session.
 */
abstract class OftSender extends ChannelInboundHandlerAdapter {

    private enum Phase { NEW, RUNNING, DONE, FAILED }

    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final byte[] cookie;
    protected final CompletableFuture<Void> done;
    protected final OftIdleTimer idleTimer;
    protected ChannelHandlerContext ctx;
    private final Duration idleTimeout;
    private final OftHeaderReader headerReader = new OftHeaderReader();
    private Phase phase = Phase.NEW;

    OftSender(byte[] cookie, CompletableFuture<Void> done, Duration idleTimeout) {
        if (cookie.length != OftHeader.COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 8 bytes");
        }
        this.cookie = cookie.clone();
        this.done = Objects.requireNonNull(done, "done");
        this.idleTimeout = idleTimeout;
        this.idleTimer = new OftIdleTimer(idleTimeout, () -> false, this::idleTimeout);
    }

    /** The connection is up: send the first PROMPT (or fail). Called once. */
    protected abstract void start();

    /** A frame from the peer that carries our cookie; {@code type} names it for messages. */
    protected abstract void onFrame(OftHeader frame, String type);

    /** Where the session stands, for failure messages, e.g. "(AWAIT_ACK)". */
    protected abstract String where();

    /** Called once when the transfer fails, before {@code done} fails and the channel closes. */
    protected void onFailed(Throwable cause) {}

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // someone who gives up on the transfer (CANCEL from the peer, user abort) just cancels the future
        done.whenComplete((ignored, error) -> ctx.channel().close());
        if (ctx.channel().isActive()) {
            begin();
        } else if (!ctx.channel().isOpen()) {
            fail(OftTransferException.connectionLost("data connection closed before the transfer started", null));
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // taken out mid-transfer: whoever waits on done must still hear how it ended
        if (!hasEnded()) {
            fail(new OftTransferException("OFT send handler removed before the transfer ended"));
        }
        idleTimer.stop();
        headerReader.release();
    }

    private void begin() {
        if (phase != Phase.NEW) {
            return;
        }
        phase = Phase.RUNNING;
        idleTimer.start(ctx.executor());
        start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        idleTimer.touch();
        try {
            while (in.isReadable() && isRunning()) {
                OftHeader frame = headerReader.read(in, ctx.alloc());
                if (frame == null) {
                    break;
                }
                String type = OftFrameType.describe(frame.type());
                if (!frame.hasCookie(cookie)) {
                    fail(new OftTransferException("OFT peer answered " + type + " with a different cookie"));
                    return;
                }
                onFrame(frame, type);
            }
        } catch (Exception e) {
            fail(e);
        } finally {
            in.release();
        }
    }

    /** Fails the transfer unless {@code expected}; {@code step} names where we are. */
    protected boolean expect(boolean expected, String type, Object step) {
        if (!expected) {
            fail(new OftTransferException("unexpected OFT frame " + type + " while " + step));
        }
        return expected;
    }

    protected void writeFrame(OftHeader frame) {
        // one write per header: AIM 6.1 aborted on headers split across segments (§8.10)
        ctx.writeAndFlush(OftHeaderCodec.encode(frame, ctx.alloc())).addListener(this::failIfNotWritten);
    }

    /** Writes a file region or chunked file; its progress keeps the connection from counting as idle. */
    protected void writeBody(Object body) {
        ChannelProgressivePromise promise = ctx.newProgressivePromise();
        promise.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
                idleTimer.touch(); // a slow but moving receiver is not idle
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture f) {
                failIfNotWritten(f);
            }
        });
        ctx.writeAndFlush(body, promise);
    }

    protected void failIfNotWritten(Future<? super Void> f) {
        if (!f.isSuccess()) {
            fail(OftTransferException.connectionLost("could not write to the OFT peer", f.cause()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!hasEnded()) {
            fail(OftTransferException.connectionLost("connection closed before the receiver's DONE " + where(),
                    null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isRunning()) {
            log.debug("OFT send: error after the transfer ended", cause);
            return;
        }
        fail(cause);
    }

    protected boolean isRunning() {
        return phase == Phase.RUNNING;
    }

    private boolean hasEnded() {
        return phase == Phase.DONE || phase == Phase.FAILED;
    }

    private void idleTimeout() {
        fail(new OftTransferException("OFT connection idle for " + idleTimeout.toMillis() + " ms " + where()));
    }

    /** The receiver's last DONE arrived: {@code done} completes and the connection closes. */
    protected void finish() {
        phase = Phase.DONE;
        idleTimer.stop();
        headerReader.release();
        done.complete(null);
        ctx.close();
    }

    protected void fail(Throwable cause) {
        if (hasEnded()) {
            return;
        }
        phase = Phase.FAILED;
        idleTimer.stop();
        headerReader.release();
        log.info("OFT send failed: {}", cause.toString());
        onFailed(cause);
        done.completeExceptionally(cause);
        ctx.close();
    }
}
