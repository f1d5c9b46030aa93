package org.oscartransport.http.endpoint;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.oscartransport.http.naming.SafeFileName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's listener and its life: waiting for the first GET, streaming it, answering 410 for a while, closed.
 *
 * <p>Threading: the listener and all its connections live on one event loop, and every state change runs on
 * it, so the state needs no locks. Calls from elsewhere ({@link #close()}, the body's callbacks) hop onto it.
 */
final class HttpTransferEndpoint implements TransferEndpoint, StreamListener {

    private static final Logger log = LoggerFactory.getLogger(HttpTransferEndpoint.class);

    private enum State { WAITING, STREAMING, GONE, CLOSED }

    private final EventLoop loop;
    private final FileDescriptor file;
    private final SafeFileName name;
    private final DownloadSource source;
    private final EndpointPath path;
    private final HttpHeaders headers;
    private final Duration expiry;
    private final Duration gonePeriod;
    private final ChannelGroup connections;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile URI url;
    private Channel listener;
    private int port = -1; // for logs: unlike the URL it is no secret
    private long deadlineNanos;
    private State state = State.WAITING;
    private ChannelResponseBody body;
    private ScheduledFuture<?> timer;

    HttpTransferEndpoint(EventLoop loop, FileDescriptor file, SafeFileName name, DownloadSource source,
            EndpointPath path, Duration expiry, Duration gonePeriod) {
        this.loop = loop;
        this.file = file;
        this.name = name;
        this.source = source;
        this.path = path;
        this.headers = DownloadHeaders.of(file, name);
        this.expiry = expiry;
        this.gonePeriod = gonePeriod;
        this.connections = new DefaultChannelGroup(loop);
    }

    /** The listener is bound: start the expiry clock. On the event loop. */
    void activate(Channel boundListener, URI publicUrl) {
        this.listener = boundListener;
        this.port = ((InetSocketAddress) boundListener.localAddress()).getPort();
        this.url = publicUrl;
        this.deadlineNanos = System.nanoTime() + expiry.toNanos();
        timer = loop.schedule(this::expire, expiry.toNanos(), TimeUnit.NANOSECONDS);
        log.info("port {}: offering {} ({} bytes) for {}", port(), name, file.size(), expiry);
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        onLoop(() -> shutdown("closed"));
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    // ---- used by the connections' handlers, on the event loop

    EndpointPath path() {
        return path;
    }

    HttpHeaders headers() {
        return headers;
    }

    long size() {
        return file.size();
    }

    void track(Channel connection) {
        connections.add(connection);
    }

    /** Whether a GET now would be the first one: HEAD answers as that GET would. */
    boolean isWaiting() {
        return state == State.WAITING;
    }

    /** The first GET: hand its body to the source. The caller has already sent the response headers. */
    void startStream(ChannelResponseBody streamBody) {
        state = State.STREAMING;
        body = streamBody;
        log.info("port {}: download of {} started", port(), name);
        try {
            source.start(streamBody);
        } catch (RuntimeException e) {
            streamBody.abort(e);
        }
    }

    // ---- StreamListener: from any thread

    @Override
    public void streamCompleted() {
        onLoop(() -> {
            if (state != State.STREAMING) return;
            state = State.GONE;
            body = null;
            log.info("port {}: sent {} ({} bytes)", port(), name, file.size());
            // Later GETs learn the file is gone (410) for a while, but never past the URL's expiry.
            long remaining = Math.min(gonePeriod.toNanos(), deadlineNanos - System.nanoTime());
            if (timer != null) timer.cancel(false);
            if (remaining <= 0) {
                shutdown(null);
            } else {
                timer = loop.schedule(() -> shutdown(null), remaining, TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    public void streamFailed(Throwable cause) {
        onLoop(() -> {
            if (state != State.STREAMING) return;
            log.warn("port {}: download of {} cut short: {}", port(), name, String.valueOf(cause));
            shutdown(null); // the source gave up itself, or already finished: nothing to cancel
        });
    }

    @Override
    public void clientClosed() {
        onLoop(() -> {
            if (state != State.STREAMING) return;
            log.info("port {}: client closed the download of {} early", port(), name);
            shutdown("client closed");
        });
    }

    // ---- internals, on the event loop

    private void expire() {
        switch (state) {
            case WAITING -> {
                log.info("port {}: {} expired without a download", port(), name);
                shutdown("expired");
            }
            case GONE -> shutdown(null);
            default -> { } // a running stream may finish; streamCompleted() then closes at once
        }
    }

    /** @param cancelReason told to the source if it had not finished, or null to tell it nothing */
    private void shutdown(String cancelReason) {
        if (state == State.CLOSED) return;
        boolean sourceUnfinished = state == State.WAITING || state == State.STREAMING;
        state = State.CLOSED;
        if (timer != null) timer.cancel(false);
        if (body != null) body.detach();
        body = null;
        if (sourceUnfinished && cancelReason != null) {
            try {
                source.cancel(cancelReason);
            } catch (RuntimeException e) {
                log.warn("port {}: source failed to cancel", port(), e);
            }
        }
        CompletableFuture<Void> listenerClosed = new CompletableFuture<>();
        CompletableFuture<Void> connectionsClosed = new CompletableFuture<>();
        if (listener != null) {
            listener.close().addListener(f -> listenerClosed.complete(null));
        } else {
            listenerClosed.complete(null);
        }
        connections.close().addListener(f -> connectionsClosed.complete(null));
        CompletableFuture.allOf(listenerClosed, connectionsClosed).whenComplete((ok, e) -> {
            log.debug("port {}: closed", port());
            closed.complete(null);
        });
    }

    private int port() {
        return port;
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
