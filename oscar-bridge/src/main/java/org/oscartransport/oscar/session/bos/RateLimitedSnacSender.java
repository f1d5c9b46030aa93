package org.oscartransport.oscar.session.bos;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.oscartransport.oscar.rate.RateLimiter;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNAC sender of a BOS connection: numbers requests as libpurple does (from 1 upwards, at submission, so a
 * queued SNAC already has the ID its reply will echo) and writes them through the connection's
 * {@link RateLimiter}. Call only on the channel's event loop.
 */
final class RateLimitedSnacSender implements SnacSender {

    private static final Logger log = LoggerFactory.getLogger(RateLimitedSnacSender.class);

    /** SNACs that may wait for the rate limit; beyond this, senders get an error instead of using more memory. */
    static final int QUEUE_CAPACITY = 1000;

    private final Channel channel;
    private final RateLimiter limiter;
    private long nextRequestId = 1;

    RateLimitedSnacSender(Channel channel) {
        this.channel = channel;
        this.limiter = new RateLimiter(clockOf(channel.eventLoop()),
                (task, delay) -> channel.eventLoop().schedule(task, delay, TimeUnit.MILLISECONDS), QUEUE_CAPACITY);
    }

    /** The event loop's own clock, which its scheduled tasks follow (and tests can move). */
    private static LongSupplier clockOf(EventLoop loop) {
        if (loop instanceof AbstractScheduledEventExecutor scheduler) {
            Ticker ticker = scheduler.ticker();
            return () -> ticker.nanoTime() / 1_000_000;
        }
        return () -> System.nanoTime() / 1_000_000;
    }

    RateLimiter limiter() {
        return limiter;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public long nextRequestId() {
        return nextRequestId;
    }

    @Override
    public long send(int family, int subtype, ByteBuf body) {
        long id = nextRequestId;
        sendWithFuture(family, subtype, body).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("SNAC {}/{} not sent: {}", Integer.toHexString(family), Integer.toHexString(subtype),
                        f.cause().toString());
            }
        });
        return id;
    }

    @Override
    public ChannelFuture sendWithFuture(int family, int subtype, ByteBuf body) {
        Snac snac = Snac.of(family, subtype, takeRequestId(), body);
        ChannelPromise promise = channel.newPromise();
        limiter.submit(new RateLimiter.Outgoing() {
            @Override
            public int family() {
                return family;
            }

            @Override
            public int subtype() {
                return subtype;
            }

            @Override
            public void transmit() {
                channel.writeAndFlush(snac, promise);
            }

            @Override
            public void fail(Throwable cause) {
                snac.release();
                promise.tryFailure(cause);
            }
        });
        return promise;
    }

    /** Writes past the limiter and any pause: only for the answer to a pause request itself. */
    void sendImmediately(int family, int subtype, ByteBuf body) {
        channel.writeAndFlush(Snac.of(family, subtype, takeRequestId(), body));
    }

    private long takeRequestId() {
        long id = nextRequestId;
        nextRequestId = (nextRequestId + 1) & 0x7FFFFFFFL;
        return id;
    }
}
