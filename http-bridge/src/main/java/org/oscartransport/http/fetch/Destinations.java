package org.oscartransport.http.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves a target's host once and checks every address it got against the policy. If any one is refused,
 * the whole target is: a name that mixes public and private addresses is how DNS rebinding starts. The caller
 * then connects to these addresses only, never looking the name up again.
 */
final class Destinations {

    private final HostLookup lookup;
    private final AddressPolicy policy;
    private final BlockingWork work;

    Destinations(HostLookup lookup, AddressPolicy policy, BlockingWork work) {
        this.lookup = lookup;
        this.policy = policy;
        this.work = work;
    }

    CompletableFuture<List<InetSocketAddress>> resolve(FetchTarget target) {
        return work.submit(() -> {
            List<InetSocketAddress> checked = new ArrayList<>();
            for (InetAddress address : lookup.lookup(target.host())) {
                InetSocketAddress destination = new InetSocketAddress(address, target.port());
                policy.check(destination);
                checked.add(destination);
            }
            if (checked.isEmpty()) throw new FetchUnreachableException(target.host() + " has no address");
            return List.copyOf(checked);
        });
    }

    /** Checks an address resolved earlier, as {@code stream} does before using a probe's result. */
    CompletableFuture<InetSocketAddress> recheck(InetSocketAddress destination) {
        return work.submit(() -> {
            policy.check(destination);
            return destination;
        });
    }
}
