package org.oscartransport.oscar.session;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Resolves host names (login, BOS and proxy servers) with the operating system's resolver on a few threads of
 * its own. Netty's default resolver asks the OS on the event loop, so one slow DNS answer would stall every
 * session sharing that loop; the OS resolver is kept (rather than Netty's DNS client) so that {@code /etc/hosts}
 * and nsswitch apply exactly as for the rest of the machine.
 */
public final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    /** A blocking lookup of every address of a host; IP literals come back without a lookup. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private static final int THREADS = 4;
    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    /** One per JVM: its threads end when idle, so it costs nothing while no name is being looked up. */
    public static final OffLoopResolverGroup SYSTEM = new OffLoopResolverGroup(InetAddress::getAllByName, lookupThreads());

    private final Lookup lookup;
    private final Executor lookups;

    public OffLoopResolverGroup(Lookup lookup, Executor lookups) {
        this.lookup = lookup;
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new OffLoopNameResolver(loop).asAddressResolver();
    }

    private static Executor lookupThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "oscar-resolver-" + THREAD_COUNT.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private final class OffLoopNameResolver extends InetNameResolver {

        OffLoopNameResolver(EventExecutor loop) {
            super(loop);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookUp(host, promise, all -> promise.trySuccess(all[0]));
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookUp(host, promise, all -> promise.trySuccess(List.of(all)));
        }

        private void lookUp(String host, Promise<?> promise, Consumer<InetAddress[]> found) {
            try {
                lookups.execute(() -> {
                    try {
                        InetAddress[] all = lookup.lookup(host);
                        if (all == null || all.length == 0) {
                            throw new UnknownHostException(host + ": no address");
                        }
                        found.accept(all);
                    } catch (UnknownHostException | RuntimeException e) {
                        promise.tryFailure(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                promise.tryFailure(e);
            }
        }
    }
}
