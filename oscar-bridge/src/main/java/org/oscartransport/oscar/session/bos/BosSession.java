package org.oscartransport.oscar.session.bos;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.oscartransport.oscar.feedbag.AuthorizationService;
import org.oscartransport.oscar.feedbag.FeedbagService;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.icbm.IcbmService;
import org.oscartransport.oscar.login.OscarLoginException.Reason;
import org.oscartransport.oscar.login.OscarLoginException;
import org.oscartransport.oscar.oft.OftDataSource;
import org.oscartransport.oscar.presence.BuddyPresence;
import org.oscartransport.oscar.presence.PeerCapabilities;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.rendezvous.RendezvousService;
import org.oscartransport.oscar.session.Contact;
import org.oscartransport.oscar.session.ContactAddition;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.oscartransport.oscar.session.SocketTransport;
import org.oscartransport.oscar.session.TypingState;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-on (or signing-on) BOS connection. Public methods may be called from any thread; they hop onto the
 * connection's event loop, where all state lives.
 */
public final class BosSession implements OscarSession {

    private static final Logger log = LoggerFactory.getLogger(BosSession.class);
    static final int KEEPALIVE_SECONDS = 60;
    /** How long close() waits for the CANCELs of open transfers to be written (the rate limit may hold them). */
    private static final Duration CANCEL_WRITE_WAIT = Duration.ofSeconds(2);

    private final String uin;
    private final byte[] cookie;
    private final OscarSessionListener listener;
    private final OscarClientConfig config;
    private final SocketTransport transport;
    private final Executor blockingWork;
    private final CompletableFuture<Void> signedOn = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Channel channel;
    private RateLimitedSnacSender sender;
    private BosSignOn signOn;
    private IcbmService icbm;
    private RendezvousService rendezvous;
    private BuddyPresence presence;
    /** What online contacts advertised; read and written on the session's event loop. */
    private final PeerCapabilities capabilities = new PeerCapabilities();
    private RateNotices rateNotices;
    private FeedbagService feedbag;
    private AuthorizationService authorization;
    private List<Contact> contactsAtSignOn = List.of();
    private String closeReason = "connection closed";
    private boolean signingOff;
    private boolean signedOff;

    public BosSession(String uin, byte[] cookie, OscarSessionListener listener, OscarClientConfig config,
            SocketTransport transport, Executor blockingWork) {
        this.uin = uin;
        this.cookie = cookie.clone();
        this.listener = new SafeListener(listener);
        this.config = config;
        this.transport = transport;
        this.blockingWork = blockingWork;
    }

    /** Adds the session's handlers behind the OSCAR codecs. */
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast("idle", new IdleStateHandler(0, KEEPALIVE_SECONDS, 0, TimeUnit.SECONDS));
        pipeline.addLast("bos", new BosChannelHandler(this));
    }

    /** Completes when the sign-on sequence is done; fails if the connection ends first. */
    public CompletableFuture<Void> signedOn() {
        return signedOn;
    }

    void onActive(Channel ch) {
        this.channel = ch;
        this.sender = new RateLimitedSnacSender(ch);
        this.signOn = new BosSignOn(sender, sender.limiter()::configure, () -> {
            signedOn.complete(null);
            listener.onContactList(contactsAtSignOn);
        });
        this.authorization = new AuthorizationService(sender, new AuthorizationService.Events() {
            @Override
            public void requested(String fromUin, String reason) {
                listener.onAuthorizationRequest(fromUin, reason);
            }

            @Override
            public void answered(String fromUin, boolean granted, String reason) {
                listener.onAuthorizationReply(fromUin, granted, reason);
            }
        });
        this.feedbag = new FeedbagService(sender, contacts -> {
            if (signOn.finished()) {
                listener.onContactList(contacts); // a list re-requested later
            } else {
                contactsAtSignOn = contacts;
            }
        }, authorization);
        this.rendezvous = new RendezvousService(uin, ch, () -> icbm, listener, config, transport, blockingWork);
        this.icbm = new IcbmService(sender, new IcbmService.MessageListener() {
            @Override
            public void onMessage(String fromUin, String text) {
                listener.onMessage(fromUin, text);
            }

            @Override
            public void onOfflineMessage(String fromUin, String text, Instant sent) {
                listener.onOfflineMessage(fromUin, text, sent);
            }
        }, listener::onTyping, rendezvous);
        this.presence = new BuddyPresence(sender, listener::onContactPresence, capabilities);
        this.rateNotices = new RateNotices(sender, signOn::families, uin);
        ByteBuf hello = ch.alloc().buffer();
        hello.writeInt(1);
        TlvChain.of(new Tlv(0x0006, cookie)).writeChain(hello);
        ch.writeAndFlush(new FlapFrame(FlapFrame.CHANNEL_SIGNON, hello));
    }

    void onSnac(Snac snac) {
        if (snac.family() == RateNotices.FAMILY && rateNotices.onSnac(snac)) {
            return;
        }
        if (snac.family() == Icbm.FAMILY && snac.subtype() != Icbm.PARAMS_REPLY) {
            icbm.onSnac(snac);
            return;
        }
        if (snac.is(Icbm.FAMILY, Icbm.PARAMS_REPLY)) {
            icbm.onParams(snac.content()); // leaves the body for the sign-on, which sends our params in reply
        }
        if (snac.family() == FeedbagService.FAMILY) {
            feedbag.onSnac(snac); // reads a duplicate; the sign-on below still sees the list's last part
            if (authorization.onSnac(snac)) {
                return;
            }
        }
        if (!presence.onSnac(snac) && !signOn.onSnac(snac)) {
            log.debug("{}: ignoring {}", uin, snac);
        }
    }

    void onSignOff(ByteBuf payload) {
        TlvChain tlvs = payload.isReadable() ? TlvChain.readChain(payload) : TlvChain.empty();
        int code = tlvs.u16(0x0009, -1);
        closeReason = code == 0x0001 ? "signed on from another location"
                : code >= 0 ? String.format("server signed us off (reason 0x%04X)", code)
                : "server signed us off";
        channel.close();
    }

    void onKeepAliveDue() {
        channel.writeAndFlush(FlapFrame.keepAlive());
    }

    void onProtocolError(Throwable cause) {
        closeReason = "protocol error: " + cause.getMessage();
        log.warn("{}: closing BOS connection after protocol error: {}", uin, cause.toString());
        channel.close();
    }

    void onInactive() {
        OscarLoginException notSignedOn = new OscarLoginException(Reason.OTHER,
                "BOS connection closed before sign-on completed (" + closeReason + ")");
        signedOn.completeExceptionally(notSignedOn);
        if (signOn != null) {
            signOn.shutdown();
        }
        IllegalStateException gone = new IllegalStateException("Session closed: " + closeReason);
        if (sender != null) {
            sender.limiter().close(gone);
        }
        if (icbm != null) {
            icbm.shutdown(gone);
        }
        if (rendezvous != null) {
            rendezvous.shutdown(gone);
        }
        if (feedbag != null) {
            feedbag.shutdown(gone);
        }
        if (signedOn.isDone() && !signedOn.isCompletedExceptionally()) {
            listener.onClosed(closeReason);
        }
        closed.complete(null);
    }

    @Override
    public String uin() {
        return uin;
    }

    @Override
    public CompletableFuture<Void> sendMessage(String toUin, String text) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(text, "text");
        return sendMessage(toUin, text, false);
    }

    @Override
    public CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(text, "text");
        // libpurple and ICQ 6+ show IM text as HTML; plain clients would show the escapes, so only those that say so
        return onLoop(() -> icbm.sendMessage(toUin, text, storeIfOffline,
                capabilities.has(toUin, Capabilities.HTML_MESSAGES)));
    }

    @Override
    public CompletableFuture<Void> sendFile(String toUin, Path file) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(file, "file");
        return onLoop(() -> rendezvous.sendFile(toUin, file));
    }

    @Override
    public CompletableFuture<Void> sendNamedFiles(String toUin, String folderName, Map<String, Path> files) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(folderName, "folderName");
        Map<String, Path> copy = new LinkedHashMap<>(files);
        return onLoop(() -> rendezvous.sendFiles(toUin, folderName, copy));
    }

    @Override
    public CompletableFuture<Void> sendFile(String toUin, String fileName, long size, OftDataSource source) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(source, "source");
        if (channel == null || !channel.isActive()) {
            IllegalStateException notConnected = new IllegalStateException("Session is not connected");
            source.cancel(notConnected);
            return CompletableFuture.failedFuture(notConnected);
        }
        return onLoop(() -> rendezvous.sendFile(toUin, fileName, size, source));
    }

    @Override
    public CompletableFuture<Void> setStatus(ContactStatus status, String message) {
        Objects.requireNonNull(status, "status");
        if (status == ContactStatus.OFFLINE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Use close() to go offline"));
        }
        return onLoop(() -> {
            presence.setStatus(status, message);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<Void> sendTyping(String toUin, TypingState state) {
        Objects.requireNonNull(toUin, "toUin");
        Objects.requireNonNull(state, "state");
        return onLoop(() -> {
            icbm.sendTyping(toUin, state);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<ContactAddition> addContact(String uin, String nickname, String authorizationReason) {
        Objects.requireNonNull(uin, "uin");
        return onLoop(() -> feedbag.addContact(uin, nickname, authorizationReason));
    }

    @Override
    public CompletableFuture<Void> requestAuthorization(String uin, String reason) {
        Objects.requireNonNull(uin, "uin");
        return onLoop(() -> handOver(() -> authorization.request(uin, reason)));
    }

    @Override
    public CompletableFuture<Void> answerAuthorization(String uin, boolean grant, String reason) {
        Objects.requireNonNull(uin, "uin");
        return onLoop(() -> handOver(() -> authorization.answer(uin, grant, reason)));
    }

    @Override
    public CompletableFuture<Void> removeContact(String uin) {
        Objects.requireNonNull(uin, "uin");
        return onLoop(() -> feedbag.removeContact(uin));
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!channel.isActive() || signingOff) {
                return;
            }
            signingOff = true;
            closeReason = "closed by us";
            // open transfers are cancelled first, so contacts hear it rather than see a connection vanish
            CompletableFuture<Void> cancelsWritten = rendezvous == null ? CompletableFuture.completedFuture(null)
                    : rendezvous.cancelAll("the session was closed");
            ScheduledFuture<?> bound = channel.eventLoop().schedule(this::signOff, CANCEL_WRITE_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            cancelsWritten.whenComplete((v, e) -> channel.eventLoop().execute(() -> {
                bound.cancel(false);
                signOff();
            }));
        });
    }

    private void signOff() {
        if (signedOff) {
            return;
        }
        signedOff = true;
        channel.writeAndFlush(new FlapFrame(FlapFrame.CHANNEL_SIGNOFF, Unpooled.EMPTY_BUFFER))
                .addListener(f -> channel.close());
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** Runs a send that has no answer; bad arguments fail the future instead of escaping onto the loop. */
    private static CompletableFuture<Void> handOver(Runnable send) {
        try {
            send.run();
            return CompletableFuture.completedFuture(null);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
        if (channel == null || !channel.isActive()) {
            return CompletableFuture.failedFuture(new IllegalStateException("Session is not connected"));
        }
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> action.get().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(v);
            }
        }));
        return result;
    }

    /** Keeps a failing listener from breaking the session's event handling. */
    private static final class SafeListener implements OscarSessionListener {
        private final OscarSessionListener delegate;

        SafeListener(OscarSessionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onMessage(String fromUin, String text) {
            run(() -> delegate.onMessage(fromUin, text));
        }

        @Override
        public void onOfflineMessage(String fromUin, String text, Instant sent) {
            run(() -> delegate.onOfflineMessage(fromUin, text, sent));
        }

        @Override
        public void onContactList(List<Contact> contacts) {
            run(() -> delegate.onContactList(contacts));
        }

        @Override
        public void onFileOffer(IncomingFileOffer offer) {
            run(() -> delegate.onFileOffer(offer));
        }

        @Override
        public void onFileOfferCancelled(IncomingFileOffer offer) {
            run(() -> delegate.onFileOfferCancelled(offer));
        }

        @Override
        public void onContactPresence(String uin, ContactStatus status, String statusMessage) {
            run(() -> delegate.onContactPresence(uin, status, statusMessage));
        }

        @Override
        public void onTyping(String fromUin, TypingState state) {
            run(() -> delegate.onTyping(fromUin, state));
        }

        @Override
        public void onAuthorizationRequest(String fromUin, String reason) {
            run(() -> delegate.onAuthorizationRequest(fromUin, reason));
        }

        @Override
        public void onAuthorizationReply(String fromUin, boolean granted, String reason) {
            run(() -> delegate.onAuthorizationReply(fromUin, granted, reason));
        }

        @Override
        public void onClosed(String reason) {
            run(() -> delegate.onClosed(reason));
        }

        private static void run(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("Session listener threw", e);
            }
        }
    }
}
