package org.oscartransport.gateway.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every meter of the transport in one Prometheus registry. Our own meters are named {@code oscar_transport_*};
 * the JVM and process ones keep Micrometer's standard names ({@code jvm_*}, {@code process_*}), which the
 * usual dashboards expect.
 */
public final class TransportMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final TransferMetrics transfers = new TransferMetrics(registry);
    private final SessionMetrics sessions = new SessionMetrics(registry);
    private final RegisteredUsers registeredUsers = new RegisteredUsers(registry);

    public TransportMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Open sockets and files: a leaked channel or spool file shows here first.
        new FileDescriptorMetrics().bindTo(registry);
    }

    public TransferMetrics transfers() {
        return transfers;
    }

    public SessionMetrics sessions() {
        return sessions;
    }

    public RegisteredUsers registeredUsers() {
        return registeredUsers;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close(); // it listens to the JVM's GC notifications
        registry.close();
    }
}
