package org.oscartransport.oscar.session;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.oscartransport.oscar.oft.OftDataSource;

/** One logged-in ICQ account on a BOS server. Thread-safe; all I/O runs on the session's event loop. */
public interface OscarSession {

    String uin();

    /** Sends a channel-1 IM. Completes when written; fails if the server reports the recipient offline. */
    CompletableFuture<Void> sendMessage(String toUin, String text);

    /**
     * Like {@link #sendMessage(String, String)}; with {@code storeIfOffline} the server is asked (TLV 0x0006) to
     * keep the message for a recipient who is offline, as ICQ clients do, instead of refusing it.
     */
    CompletableFuture<Void> sendMessage(String toUin, String text, boolean storeIfOffline);

    /**
     * Offers a file to a contact (Send File rendezvous, stage 1: we listen, the peer connects) and sends it
     * over OFT2 once the peer connects and ACKs. Completes when the receiver's OFT DONE arrives; fails on
     * decline, cancel, timeout or connection loss.
     */
    CompletableFuture<Void> sendFile(String toUin, Path file);

    /**
     * Offers {@code size} bytes that {@code source} will produce (e.g. an HTTP body being relayed) under
     * {@code fileName}. Same offer flow as {@link #sendFile(String, Path)}; after the peer's OFT ACK,
     * {@code source.start} is called with an output bound to the data connection. If the transfer ends before
     * the source completes (decline, cancel, timeout, peer gone), {@code source.cancel} is called instead — also
     * when it was never started. Completes on the receiver's OFT DONE.
     */
    CompletableFuture<Void> sendFile(String toUin, String fileName, long size, OftDataSource source);

    /**
     * Offers several files in one rendezvous, as Miranda and QIP send a folder (oscar.md §6.3 kind 0x0002,
     * §8.7): each file is named {@code folderName 0x01 its file name}. Completes on the receiver's DONE for the
     * last file. libpurple cannot receive this (§8.7); it is for ICQ peers that can, and for tests.
     */
    default CompletableFuture<Void> sendFiles(String toUin, String folderName, List<Path> files) {
        Map<String, Path> named = new LinkedHashMap<>();
        for (Path file : files) {
            named.put(folderName + OFT_PATH_SEPARATOR + file.getFileName(), file);
        }
        return sendNamedFiles(toUin, folderName, named);
    }

    /** The 0x01 that separates folders in an OFT file name (§8.7). */
    char OFT_PATH_SEPARATOR = '\u0001';

    /**
     * Like {@link #sendFiles}, with each file's OFT name given as the key (in iteration order), exactly as it goes
     * on the wire.
     */
    CompletableFuture<Void> sendNamedFiles(String toUin, String folderName, Map<String, Path> files);

    /**
     * Sets our ICQ status (0001/001E) and away text; contacts see the change. {@code message} may be null.
     * Completes once handed to the connection (the server sends no answer); OFFLINE is refused, use
     * {@link #close()}.
     */
    CompletableFuture<Void> setStatus(ContactStatus status, String message);

    /** Tells {@code toUin} that we are typing, have paused, or stopped (0004/0014). Completes once handed to the connection. */
    CompletableFuture<Void> sendTyping(String toUin, TypingState state);

    /**
     * Adds {@code uin} to the server-stored contact list, with {@code nickname} as alias (may be null).
     * Completes when the server acknowledges (0013/000E); fails with a
     * {@link org.oscartransport.oscar.feedbag.FeedbagException} if it refuses or never answers. Adding a
     * contact that is already listed completes at once. A contact that requires authorization is listed as
     * awaiting it and asked for it without a reason.
     */
    default CompletableFuture<ContactAddition> addContact(String uin, String nickname) {
        return addContact(uin, nickname, null);
    }

    /**
     * Like {@link #addContact(String, String)}; if the contact requires authorization, the request carries
     * {@code authorizationReason} (may be null) and the result is {@link ContactAddition#AWAITING_AUTHORIZATION}.
     */
    CompletableFuture<ContactAddition> addContact(String uin, String nickname, String authorizationReason);

    /** Asks {@code uin} to authorize us (0013/0018); {@code reason} may be null. Completes once handed to the connection. */
    CompletableFuture<Void> requestAuthorization(String uin, String reason);

    /**
     * Grants or denies {@code uin}'s authorization request (0013/001A); {@code reason} may be null. Completes once
     * handed to the connection.
     */
    CompletableFuture<Void> answerAuthorization(String uin, boolean grant, String reason);

    /** Removes {@code uin} from the contact list; completes at once if it is not listed, else like addContact. */
    CompletableFuture<Void> removeContact(String uin);

    /** Signs off and closes the BOS connection. */
    void close();

    /** Completes when the session has ended for any reason. */
    CompletableFuture<Void> closeFuture();
}
