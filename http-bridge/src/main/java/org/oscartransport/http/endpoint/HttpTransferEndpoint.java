package org.oscartransport.http.endpoint;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.oscartransport.http.naming.SafeFileName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's listener and its life. Stream-only: waiting for the first GET, streaming it, answering 410 for a
 * while, closed. Spooled: waiting, streaming the first GET while spooling (other GETs follow the spool), spooled
 * (every GET and Range served from the file) until expiry or eviction; a failed or evicted transfer answers 410
 * for the gone period, then closes.
 *
 * <p>Threading: the listener and all its connections live on one event loop, and every state change runs on
 * it, so the state needs no locks. Calls from elsewhere ({@link #close()}, the body's callbacks) hop onto it.
 */
final class HttpTransferEndpoint implements TransferEndpoint, StreamListener, SpoolFile.Listener {

    private static final Logger log = LoggerFactory.getLogger(HttpTransferEndpoint.class);

    private enum State { WAITING, STREAMING, SPOOLED, GONE, CLOSED }

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
    private final CompletableFuture<Void> spooled = new CompletableFuture<>();
    /** Null in stream-only mode. */
    private final SpoolStore store;
    private final Executor spoolWriters;

    private volatile URI url;
    private Channel listener;
    private int port = -1; // for logs: unlike the URL it is no secret
    private long deadlineNanos;
    private State state = State.WAITING;
    private ChannelResponseBody body;
    private ScheduledFuture<?> timer;

    // spool mode only
    private SpoolStore.Reservation reservation;
    private SpoolFile spool;
    private SpoolingResponseBody spoolingBody;
    private final Set<SpoolFollower> followers = new LinkedHashSet<>();

    HttpTransferEndpoint(EventLoop loop, FileDescriptor file, SafeFileName name, DownloadSource source,
            EndpointPath path, Duration expiry, Duration gonePeriod, SpoolStore store, Executor spoolWriters) {
        this.loop = loop;
        this.file = file;
        this.name = name;
        this.source = source;
        this.path = path;
        this.store = store;
        this.spoolWriters = spoolWriters;
        this.headers = DownloadHeaders.of(file, name, store != null);
        this.expiry = expiry;
        this.gonePeriod = gonePeriod;
        this.connections = new DefaultChannelGroup(loop);
    }

    /**
     * Spool mode: claims the file's size in the quotas (perhaps evicting finished spools) and creates the empty
     * spool file. Before the listener is bound, on the caller's thread.
     */
    void prepareSpool(String owner) throws QuotaExceededException, IOException {
        reservation = store.reserve(owner, file.size(), this::evicted);
        try {
            spool = SpoolFile.create(store, spoolWriters, loop, this);
        } catch (IOException e) {
            store.release(reservation);
            throw e;
        }
    }

    /** No port could be bound: give back what {@link #prepareSpool} took. */
    void abandon() {
        onLoop(() -> shutdown(null));
    }

    /**
     * The listener is bound: start the expiry clock. On the event loop.
     *
     * @param boundListener this endpoint's own listener, closed with it; null on the shared listener
     */
    void activate(Channel boundListener, URI publicUrl) {
        this.listener = boundListener;
        this.port = boundListener == null ? 0 : ((InetSocketAddress) boundListener.localAddress()).getPort();
        this.url = publicUrl;
        this.deadlineNanos = System.nanoTime() + expiry.toNanos();
        timer = loop.schedule(this::expire, expiry.toNanos(), TimeUnit.NANOSECONDS);
        log.info("port {}: offering {} ({} bytes) for {}{}", port(), name, file.size(), expiry,
                store == null ? ", stream-only" : "");
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

    /** Completes once the whole file is in the spool; for tests. */
    CompletableFuture<Void> spooledFuture() {
        return spooled;
    }

    // ---- used by the connections' handlers, on the event loop

    EndpointPath path() {
        return path;
    }

    void track(Channel connection) {
        connections.add(connection);
    }

    void untrack(Channel connection) {
        connections.remove(connection);
    }

    /**
     * Answers a HEAD or GET for the file. Returns the response still being sent, or null if it was sent whole.
     *
     * @param onResponseSent runs on the event loop once a streamed body's last byte is written
     */
    InFlightResponse answer(ChannelHandlerContext ctx, HttpRequest request, boolean head, Runnable onResponseSent) {
        return store == null
                ? answerStreamOnly(ctx, head, onResponseSent)
                : answerFromSpool(ctx, request, head, onResponseSent);
    }

    private InFlightResponse answerStreamOnly(ChannelHandlerContext ctx, boolean head, Runnable onResponseSent) {
        if (state != State.WAITING) {
            ctx.writeAndFlush(Responses.gone(head)); // the bytes went to the first GET
            return null;
        }
        if (head) {
            ctx.writeAndFlush(Responses.downloadHead(headers));
            return null;
        }
        ctx.writeAndFlush(Responses.downloadStart(headers));
        ChannelResponseBody streamBody = new ChannelResponseBody(ctx.channel(), file.size(), this, onResponseSent);
        state = State.STREAMING;
        body = streamBody;
        log.info("port {}: download of {} started", port(), name);
        startSource(streamBody);
        return streamBody;
    }

    private InFlightResponse answerFromSpool(ChannelHandlerContext ctx, HttpRequest request, boolean head,
            Runnable onResponseSent) {
        if (state == State.GONE || state == State.CLOSED) {
            ctx.writeAndFlush(Responses.gone(head));
            return null;
        }
        RangeRequest range = RangeRequest.of(request.headers().get("Range"), request.headers().get("If-Range"),
                file.size());
        if (range.kind == RangeRequest.Kind.UNSATISFIABLE) {
            ctx.writeAndFlush(Responses.rangeNotSatisfiable(file.size(), head));
            return null;
        }
        boolean partial = range.kind == RangeRequest.Kind.PARTIAL;
        HttpResponseStatus status = partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK;
        HttpHeaders responseHeaders = partial ? DownloadHeaders.partial(headers, range, file.size()) : headers;
        if (head) {
            ctx.writeAndFlush(Responses.downloadHead(status, responseHeaders));
            return null;
        }
        if (state == State.WAITING && !partial) {
            // The first whole-file GET gets the bytes as they arrive, not after a detour through the disk.
            ctx.writeAndFlush(Responses.downloadStart(responseHeaders));
            ChannelResponseBody first = new ChannelResponseBody(ctx.channel(), file.size(), firstClient,
                    onResponseSent);
            startSpooling(first);
            return first;
        }
        if (state == State.WAITING) startSpooling(null); // a resume before any download: follow the new spool
        if (state == State.GONE) { // the source failed at once
            ctx.writeAndFlush(Responses.gone(false));
            return null;
        }
        ctx.writeAndFlush(Responses.downloadStart(status, responseHeaders));
        SpoolFollower follower = new SpoolFollower(ctx.channel(), spool, range.start, range.end, onResponseSent,
                followers::remove);
        followers.add(follower);
        follower.pump();
        return follower;
    }

    private void startSpooling(ChannelResponseBody first) {
        state = State.STREAMING;
        body = first;
        spoolingBody = new SpoolingResponseBody(file.size(), spool, first, this::sourceFailed);
        log.info("port {}: download of {} started", port(), name);
        startSource(spoolingBody);
    }

    private void startSource(ResponseBody into) {
        try {
            source.start(into);
        } catch (RuntimeException e) {
            into.abort(e);
        }
    }

    /** The first GET of a spooled file: when it ends early, the source goes on for the spool. */
    private final StreamListener firstClient = new StreamListener() {
        @Override
        public void streamCompleted() {
            // the spool's completion is what changes the endpoint's state
        }

        @Override
        public void streamFailed(Throwable cause) {
            clientClosed();
        }

        @Override
        public void clientClosed() {
            onLoop(() -> {
                if (spoolingBody != null) spoolingBody.clientLeft();
            });
        }
    };

    // ---- StreamListener (stream-only mode): from any thread

    @Override
    public void streamCompleted() {
        onLoop(() -> {
            if (state != State.STREAMING) return;
            body = null;
            log.info("port {}: sent {} ({} bytes)", port(), name, file.size());
            goneForAWhile();
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

    // ---- SpoolFile.Listener and the spooling body's failure: on the event loop unless said otherwise

    @Override
    public void progressed() {
        new ArrayList<>(followers).forEach(SpoolFollower::pump);
    }

    @Override
    public void drained() {
        if (spoolingBody != null) spoolingBody.writabilityChanged();
    }

    @Override
    public void completed() {
        if (state != State.STREAMING) return;
        state = State.SPOOLED;
        store.finished(reservation);
        log.info("port {}: spooled {} ({} bytes)", port(), name, file.size());
        spooled.complete(null);
        progressed();
        if (System.nanoTime() - deadlineNanos >= 0) shutdown(null); // expired while streaming
    }

    @Override
    public void failed(Throwable cause) {
        transferFailed("spool write failed", cause, true);
    }

    /** The source aborted or broke its contract. Any thread. */
    private void sourceFailed(Throwable cause) {
        onLoop(() -> transferFailed("download cut short", cause, false));
    }

    /** The quota took this finished spool's room. Any thread. */
    private void evicted() {
        onLoop(() -> {
            if (state != State.SPOOLED) return;
            log.info("port {}: spool of {} evicted for quota", port(), name);
            dropSpool();
            goneForAWhile();
        });
    }

    /** Every response in flight is cut short, the partial spool goes, later requests get 410. */
    private void transferFailed(String what, Throwable cause, boolean cancelSource) {
        if (state != State.STREAMING) return;
        log.warn("port {}: {} ({}): {}", port(), what, name, String.valueOf(cause));
        spoolingBody.detach();
        if (body != null) body.abort(cause);
        if (cancelSource) cancelSource("spool failed");
        dropSpool();
        goneForAWhile();
    }

    /** Cuts the followers and deletes the spool file, giving its bytes back to the quota. */
    private void dropSpool() {
        new ArrayList<>(followers).forEach(SpoolFollower::cut);
        followers.clear();
        if (spool != null) spool.delete();
        if (reservation != null) store.release(reservation);
    }

    // ---- internals, on the event loop

    /** Later GETs learn the file is gone (410) for a while, but never past the URL's expiry; then we close. */
    private void goneForAWhile() {
        state = State.GONE;
        body = null;
        long remaining = Math.min(gonePeriod.toNanos(), deadlineNanos - System.nanoTime());
        if (timer != null) timer.cancel(false);
        if (remaining <= 0) {
            shutdown(null);
        } else {
            timer = loop.schedule(() -> shutdown(null), remaining, TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        switch (state) {
            case WAITING -> {
                log.info("port {}: {} expired without a download", port(), name);
                shutdown("expired");
            }
            case SPOOLED -> {
                log.info("port {}: {} expired", port(), name);
                shutdown(null);
            }
            case GONE -> shutdown(null);
            default -> { } // a running stream may finish; its completion then closes at once
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
        if (spoolingBody != null) spoolingBody.detach();
        if (sourceUnfinished && cancelReason != null) cancelSource(cancelReason);
        dropSpool();
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

    private void cancelSource(String reason) {
        try {
            source.cancel(reason);
        } catch (RuntimeException e) {
            log.warn("port {}: source failed to cancel", port(), e);
        }
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
