package org.oscartransport.gateway.adhoc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One XEP-0050 command. The first step runs on "execute"; a command that asks for a form gets the answer in
 * {@link #submit}, with whatever state its form stage kept. {@link AdHocCommands} checks who may run it.
 */
interface Command {

    String node();

    /** The name clients show in their command list. */
    String name();

    /** Admin commands need a bare JID from {@code admin.jids}; the others a registration. */
    boolean adminOnly();

    CompletableFuture<Stage> execute(Caller caller);

    default CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
        return CompletableFuture.completedFuture(Stage.error("This command has no further step."));
    }
}
