package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.HashMap;
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
 * with its request ID, and completes anyway after {@link #ACK_GRACE_MILLIS} because some servers never ack.
 */
public final class IcbmService {

    private static final Logger log = LoggerFactory.getLogger(IcbmService.class);
    static final long ACK_GRACE_MILLIS = 5_000;
    /** The maximum ICBM length libpurple and ICQ clients advertise (oscar.md §4.2). */
    static final int MAX_MESSAGE_DATA = 8000;

    private final SnacSender out;
    private final MessageListener messages;
    private final TypingListener typing;
    private final RendezvousListener rendezvous;
    private final Map<Long, Pending> pending = new HashMap<>();

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

    private record Pending(CompletableFuture<Void> future, ScheduledFuture<?> grace) {}

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

    /** With {@code storeIfOffline}, asks the server to keep it for an offline recipient (TLV 0x0006, §5.7). */
    public CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline) {
        return sendMessage(toUin, text, storeIfOffline, false);
    }

    /**
     * @param asHtml for a peer that reads IM text as HTML: the text goes escaped and wrapped
     *               ({@link HtmlText#fromPlain}), so that it displays exactly as given
     */
    public CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline, boolean asHtml) {
        ByteBuf data = Unpooled.buffer();
        ImText.write(data, asHtml ? HtmlText.fromPlain(text) : text);
        byte[] dataBytes = new byte[data.readableBytes()];
        data.readBytes(dataBytes);
        if (dataBytes.length > MAX_MESSAGE_DATA) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Message too long: " + dataBytes.length
                    + " bytes encoded, ICQ clients accept at most " + MAX_MESSAGE_DATA));
        }
        TlvChain tlvs = TlvChain.of(new Tlv(Icbm.TLV_MESSAGE_DATA, dataBytes), Tlv.empty(Icbm.TLV_REQUEST_HOST_ACK));
        if (storeIfOffline) {
            tlvs = tlvs.with(Tlv.empty(Icbm.TLV_STORE_OFFLINE));
        }
        return send(new OutgoingIcbm(IcbmCookies.newCookie(), Icbm.CHANNEL_IM, toUin, tlvs));
    }

    /** Sends any ICBM; see the class comment for when the future completes. */
    public CompletableFuture<Void> send(OutgoingIcbm icbm) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        ByteBuf body = out.alloc().buffer();
        icbm.write(body);
        long requestId = out.nextRequestId();
        ScheduledFuture<?> grace = out.eventLoop().schedule(() -> {
            Pending p = pending.remove(requestId);
            if (p != null) {
                p.future.complete(null);
            }
        }, ACK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        pending.put(requestId, new Pending(future, grace));
        out.sendWithFuture(Icbm.FAMILY, Icbm.SEND, body).addListener(f -> {
            if (!f.isSuccess()) {
                settle(requestId, f.cause());
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

    /** Writes an ICBM without tracking it (ACCEPT and CANCEL, whose fate nobody waits for). */
    public void sendUntracked(OutgoingIcbm icbm) {
        ByteBuf body = out.alloc().buffer();
        icbm.write(body);
        out.send(Icbm.FAMILY, Icbm.SEND, body);
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
        p.grace.cancel(false);
        if (failure == null) {
            p.future.complete(null);
        } else {
            p.future.completeExceptionally(failure);
        }
    }

    /** Fails everything still waiting; the connection is gone. */
    public void shutdown(Throwable cause) {
        for (Pending p : pending.values()) {
            p.grace.cancel(false);
            p.future.completeExceptionally(cause);
        }
        pending.clear();
    }
}
