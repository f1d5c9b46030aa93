package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.oscartransport.oscar.session.TypingState;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacError;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICBM family on a client session: sends ICBMs, reports their fate, delivers channel-1 IMs and passes
 * channel-2 traffic to the rendezvous side. Runs on the session's event loop only.
 *
 * <p>A sent ICBM asks for a host ack (TLV 0x0003). Its future completes on that ack, fails on a 0004/0001 error
 * with its request ID, and completes anyway {@link #ACK_GRACE_MILLIS} after it was written (it may first wait for
 * the rate limit) because some servers never ack.
 */
public final class IcbmService {

    private static final Logger log = LoggerFactory.getLogger(IcbmService.class);
    static final long ACK_GRACE_MILLIS = 5_000;
    /** The maximum ICBM length libpurple and ICQ clients advertise (oscar.md §4.2); we never send more. */
    static final int MAX_MESSAGE_DATA = 8000;
    /** Below this a server's announced maximum is taken as nonsense; parts must hold a few characters. */
    static final int MIN_MESSAGE_DATA = 128;
    /** A text that needs more ICBMs than this is refused rather than flooding the contact. */
    static final int MAX_PARTS = 200;

    private final SnacSender out;
    private final MessageListener messages;
    private final TypingListener typing;
    private final RendezvousListener rendezvous;
    private final Map<Long, Pending> pending = new HashMap<>();
    private int maxMessageData = MAX_MESSAGE_DATA;

    /** Receives decoded channel-1 IMs. */
    public interface MessageListener {
        void onMessage(String fromUin, String text);

        /** A stored message (0004/0007 with TLV 0x0006) and when it was sent. */
        default void onOfflineMessage(String fromUin, String text, Instant sent) {
            onMessage(fromUin, text);
        }
    }

    /** Receives contacts' typing notifications. */
    public interface TypingListener {
        void onTyping(String fromUin, TypingState state);
    }

    /** A sent ICBM's future; the grace timer starts when it is written, not while it waits for the rate limit. */
    private static final class Pending {
        final CompletableFuture<Void> future;
        ScheduledFuture<?> grace;

        Pending(CompletableFuture<Void> future) {
            this.future = future;
        }

        void cancelGrace() {
            if (grace != null) {
                grace.cancel(false);
            }
        }
    }

    public IcbmService(SnacSender out, MessageListener messages, TypingListener typing,
            RendezvousListener rendezvous) {
        this.out = out;
        this.messages = messages;
        this.typing = typing;
        this.rendezvous = rendezvous;
    }

    public CompletableFuture<Void> sendMessage(String toUin, String text) {
        return sendMessage(toUin, text, false);
    }

    /**
     * With {@code storeIfOffline}, asks the server to keep it for an offline recipient (TLV 0x0006, §5.7). A text
     * longer than one ICBM may carry goes out as several, in order (see {@link LongText}); the future completes
     * when all have been acknowledged and fails with the first failure.
     */
    public CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline) {
        return sendMessage(toUin, text, storeIfOffline, false);
    }

    /**
     * @param asHtml for a peer that reads IM text as HTML: each part goes escaped and wrapped
     *               ({@link HtmlText#fromPlain}), so that it displays exactly as given
     */
    public CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline, boolean asHtml) {
        int maxTextBytes = maxMessageData - ImText.OVERHEAD;
        List<String> parts = asHtml ? HtmlText.split(text, maxTextBytes) : LongText.split(text, maxTextBytes);
        if (parts.size() > MAX_PARTS) {
            return CompletableFuture.failedFuture(new MessageTooLongException(parts.size(), maxMessageData, MAX_PARTS));
        }
        if (parts.size() > 1) {
            log.debug("Sending a {}-character text to {} as {} messages", text.length(), toUin, parts.size());
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>(parts.size());
        for (String part : parts) {
            sent.add(sendPart(toUin, asHtml ? HtmlText.fromPlain(part) : part, storeIfOffline));
        }
        return sent.size() == 1 ? sent.get(0) : allOrFirstFailure(sent);
    }

    private CompletableFuture<Void> sendPart(String toUin, String text, boolean storeIfOffline) {
        ByteBuf data = Unpooled.buffer();
        ImText.write(data, text);
        byte[] dataBytes = new byte[data.readableBytes()];
        data.readBytes(dataBytes);
        TlvChain tlvs = TlvChain.of(new Tlv(Icbm.TLV_MESSAGE_DATA, dataBytes), Tlv.empty(Icbm.TLV_REQUEST_HOST_ACK),
                Tlv.empty(Icbm.TLV_WANTS_TYPING));
        if (storeIfOffline) {
            tlvs = tlvs.with(Tlv.empty(Icbm.TLV_STORE_OFFLINE));
        }
        return send(new OutgoingIcbm(IcbmCookies.newCookie(), Icbm.CHANNEL_IM, toUin, tlvs));
    }

    /** Completes when all do; fails as soon as one fails, with that failure as it is. */
    private static CompletableFuture<Void> allOrFirstFailure(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        int[] left = {futures.size()};
        for (CompletableFuture<Void> f : futures) {
            f.whenComplete((v, e) -> {
                if (e != null) {
                    all.completeExceptionally(e);
                } else if (--left[0] == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    /**
     * Reads the server's ICBM parameters (0004/0005, oscar.md §4.2) for the longest message data it accepts; we
     * keep to the smaller of that and what ICQ clients accept.
     */
    public void onParams(ByteBuf body) {
        if (body.readableBytes() < 8) {
            log.debug("Short ICBM parameters ignored");
            return;
        }
        int announced = body.getUnsignedShort(body.readerIndex() + 6);
        maxMessageData = announced == 0 ? MAX_MESSAGE_DATA
                : Math.max(MIN_MESSAGE_DATA, Math.min(MAX_MESSAGE_DATA, announced));
        log.debug("Server accepts ICBM message data up to {} bytes; sending at most {}", announced, maxMessageData);
    }

    /** Sends any ICBM; see the class comment for when the future completes. */
    public CompletableFuture<Void> send(OutgoingIcbm icbm) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        ByteBuf body = out.alloc().buffer();
        icbm.write(body);
        long requestId = out.nextRequestId();
        Pending sent = new Pending(future);
        pending.put(requestId, sent);
        out.sendWithFuture(Icbm.FAMILY, Icbm.SEND, body).addListener(f -> {
            if (!f.isSuccess()) {
                settle(requestId, f.cause());
            } else if (pending.get(requestId) == sent) {
                sent.grace = out.eventLoop().schedule(() -> {
                    if (pending.remove(requestId, sent)) {
                        sent.future.complete(null);
                    }
                }, ACK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
        return future;
    }

    /** Sends a typing notification; nobody waits for its fate, and servers do not ack it. */
    public void sendTyping(String toUin, TypingState state) {
        ByteBuf body = out.alloc().buffer();
        new TypingNotice(toUin, state).write(body);
        out.send(Icbm.FAMILY, Icbm.TYPING, body);
    }

    /**
     * Writes an ICBM without tracking a server reply (ACCEPT and CANCEL, whose fate nobody waits for). The future
     * tells when it is written (or could not be), for a sign-off that must not overtake it.
     */
    public ChannelFuture sendUntracked(OutgoingIcbm icbm) {
        ByteBuf body = out.alloc().buffer();
        icbm.write(body);
        ChannelFuture written = out.sendWithFuture(Icbm.FAMILY, Icbm.SEND, body);
        written.addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("ICBM to {} not sent: {}", icbm.recipient(), f.cause().toString());
            }
        });
        return written;
    }

    public void onSnac(Snac snac) {
        ByteBuf body = snac.content();
        switch (snac.subtype()) {
            case Icbm.RECEIVE -> onReceive(IncomingIcbm.read(body));
            case Icbm.ERROR -> {
                SnacError error = SnacError.read(body);
                settle(snac.requestId(), new IcbmErrorException(error.code(), error.code() == SnacError.NOT_LOGGED_ON
                        ? "Recipient is not logged on"
                        : String.format("Server refused the message (ICBM error 0x%04X)", error.code())));
            }
            case Icbm.HOST_ACK -> settle(snac.requestId(), null);
            case Icbm.TYPING -> {
                TypingNotice notice = TypingNotice.read(body);
                typing.onTyping(notice.name(), notice.state());
            }
            case Icbm.CLIENT_ERROR -> {
                byte[] cookie = WireReads.bytes(body, 8, "client error cookie");
                int channel = WireReads.u16(body, "client error channel");
                String from = WireReads.str8(body, "client error name");
                int code = body.readableBytes() >= 2 ? body.readUnsignedShort() : -1;
                rendezvous.onClientError(cookie, channel, from, code);
            }
            default -> log.debug("Ignoring ICBM SNAC {}", snac);
        }
    }

    private void onReceive(IncomingIcbm icbm) {
        if (icbm.channel() == Icbm.CHANNEL_IM) {
            byte[] data = icbm.tlvs().bytes(Icbm.TLV_MESSAGE_DATA);
            if (data == null) {
                log.debug("Channel-1 ICBM from {} without message data", icbm.sender().screenName());
                return;
            }
            String text = HtmlText.toPlain(ImText.read(Unpooled.wrappedBuffer(data)));
            if (icbm.tlvs().has(Icbm.TLV_STORE_OFFLINE)) {
                messages.onOfflineMessage(icbm.sender().screenName(), text, sentAt(icbm));
            } else {
                messages.onMessage(icbm.sender().screenName(), text);
            }
        } else if (icbm.channel() == Icbm.CHANNEL_ICQ) {
            String text = IcqChannel4Text.read(icbm.tlvs().bytes(Icbm.TLV_ICQ_DATA));
            if (text != null) {
                messages.onMessage(icbm.sender().screenName(), text);
            }
        } else if (icbm.channel() == Icbm.CHANNEL_RENDEZVOUS) {
            rendezvous.onRendezvous(icbm);
        } else {
            log.debug("Ignoring ICBM channel {} from {}", icbm.channel(), icbm.sender().screenName());
        }
    }

    /** The send time of a stored message (TLV 0x0016, unix seconds), or now if the server left it out. */
    private static Instant sentAt(IncomingIcbm icbm) {
        long seconds = icbm.tlvs().u32(Icbm.TLV_OFFLINE_TIMESTAMP, -1);
        return seconds < 0 ? Instant.now() : Instant.ofEpochSecond(seconds);
    }

    private void settle(long requestId, Throwable failure) {
        Pending p = pending.remove(requestId);
        if (p == null) {
            return;
        }
        p.cancelGrace();
        if (failure == null) {
            p.future.complete(null);
        } else {
            p.future.completeExceptionally(failure);
        }
    }

    /** Fails everything still waiting; the connection is gone. */
    public void shutdown(Throwable cause) {
        for (Pending p : pending.values()) {
            p.cancelGrace();
            p.future.completeExceptionally(cause);
        }
        pending.clear();
    }
}
