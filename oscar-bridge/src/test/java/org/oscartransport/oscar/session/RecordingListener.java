package org.oscartransport.oscar.session;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a session reports, for tests to wait on. */
public final class RecordingListener implements OscarSessionListener {

    public record Message(String from, String text) {}

    public record PresenceChange(String uin, ContactStatus status, String message) {}

    public record Typing(String from, TypingState state) {}

    public record OfflineMessage(String from, String text, Instant sent) {}

    public record AuthorizationRequest(String from, String reason) {}

    public record AuthorizationReply(String from, boolean granted, String reason) {}

    public final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    public final BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
    public final BlockingQueue<IncomingFileOffer> cancelled = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    public final BlockingQueue<PresenceChange> presence = new LinkedBlockingQueue<>();
    public final BlockingQueue<Typing> typing = new LinkedBlockingQueue<>();
    public final BlockingQueue<OfflineMessage> offline = new LinkedBlockingQueue<>();
    public final BlockingQueue<List<Contact>> contactLists = new LinkedBlockingQueue<>();
    public final BlockingQueue<AuthorizationRequest> authorizationRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<AuthorizationReply> authorizationReplies = new LinkedBlockingQueue<>();

    @Override
    public void onAuthorizationRequest(String fromUin, String reason) {
        authorizationRequests.add(new AuthorizationRequest(fromUin, reason));
    }

    @Override
    public void onAuthorizationReply(String fromUin, boolean granted, String reason) {
        authorizationReplies.add(new AuthorizationReply(fromUin, granted, reason));
    }

    /** Recorded in {@link #offline} and, as the default does, in {@link #messages}. */
    @Override
    public void onOfflineMessage(String fromUin, String text, Instant sent) {
        offline.add(new OfflineMessage(fromUin, text, sent));
        onMessage(fromUin, text);
    }

    @Override
    public void onContactList(List<Contact> contacts) {
        contactLists.add(contacts);
    }

    @Override
    public void onMessage(String fromUin, String text) {
        messages.add(new Message(fromUin, text));
    }

    @Override
    public void onFileOffer(IncomingFileOffer offer) {
        offers.add(offer);
    }

    @Override
    public void onFileOfferCancelled(IncomingFileOffer offer) {
        cancelled.add(offer);
    }

    @Override
    public void onContactPresence(String uin, ContactStatus status, String statusMessage) {
        presence.add(new PresenceChange(uin, status, statusMessage));
    }

    @Override
    public void onTyping(String fromUin, TypingState state) {
        typing.add(new Typing(fromUin, state));
    }

    @Override
    public void onClosed(String reason) {
        closed.add(reason);
    }

    public static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(10, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return item;
    }
}
