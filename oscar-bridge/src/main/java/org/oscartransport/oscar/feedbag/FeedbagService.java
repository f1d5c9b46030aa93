package org.oscartransport.oscar.feedbag;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.oscartransport.oscar.session.Contact;
import org.oscartransport.oscar.session.ContactAddition;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our copy of the server-stored contact list (SSI, oscar.md §4.3): read from 0013/0006 at sign-on, edited with
 * 0013/0008 and 000A inside 0011/0012 brackets, each edit settled by the server's 0013/000E. A contact that
 * requires authorization is listed with TLV 0x0066 and asked for it. Edits the server pushes (e.g. clearing
 * 0x0066 once the contact granted it) update our copy. Runs on the connection's event loop only.
 */
public final class FeedbagService {

    private static final Logger log = LoggerFactory.getLogger(FeedbagService.class);

    public static final int FAMILY = 0x0013;
    static final int LIST = 0x0006;
    static final int LIST_UNCHANGED = 0x000F;
    static final int ADD = 0x0008;
    static final int MODIFY = 0x0009;
    static final int DELETE = 0x000A;
    static final int ACK = 0x000E;
    static final int EDIT_START = 0x0011;
    static final int EDIT_END = 0x0012;
    /** Where we file new contacts when the list has no group yet. */
    static final String DEFAULT_GROUP = "ICQ";
    static final long ACK_TIMEOUT_SECONDS = 30;

    private record Pending(CompletableFuture<Void> future, ScheduledFuture<?> timeout, Runnable onSuccess) {}

    private final SnacSender out;
    private final Consumer<List<Contact>> onList;
    private final AuthorizationService authorization;
    private final List<FeedbagItem> items = new ArrayList<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private boolean complete;

    public FeedbagService(SnacSender out, Consumer<List<Contact>> onList, AuthorizationService authorization) {
        this.out = out;
        this.onList = onList;
        this.authorization = authorization;
    }

    /** Handles 0013/0006, 000F, 000E and server-pushed edits; the rest of the family is others' business. */
    public void onSnac(Snac snac) {
        ByteBuf body = snac.content();
        switch (snac.subtype()) {
            case LIST -> onListPart(body.duplicate(), snac.moreRepliesFollow());
            case LIST_UNCHANGED -> finishList();
            case ACK -> onAck(snac.requestId(), body.duplicate());
            case ADD, MODIFY, DELETE -> onServerEdit(snac.subtype(), body.duplicate());
            default -> { }
        }
    }

    /** The server changed our list itself (another client of ours, or a contact's authorization). */
    private void onServerEdit(int subtype, ByteBuf body) {
        try {
            while (body.isReadable()) {
                FeedbagItem item = FeedbagItem.read(body);
                items.removeIf(i -> sameSlot(i, item));
                if (subtype != DELETE) {
                    items.add(item);
                }
            }
        } catch (MalformedDataException e) {
            log.warn("Dropping malformed contact-list edit from the server: {}", e.getMessage());
        }
    }

    private static boolean sameSlot(FeedbagItem a, FeedbagItem b) {
        return a.groupId() == b.groupId() && a.itemId() == b.itemId() && a.type() == b.type();
    }

    private void onListPart(ByteBuf body, boolean more) {
        if (complete) {
            items.clear(); // a fresh list (e.g. libpurple-style re-request) replaces ours
            complete = false;
        }
        body.readUnsignedByte(); // version
        int count = body.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            items.add(FeedbagItem.read(body));
        }
        if (!more) {
            finishList();
        }
    }

    private void finishList() {
        if (complete) {
            return;
        }
        complete = true;
        List<Contact> contacts = contacts();
        log.debug("Contact list: {} contacts in {} items", contacts.size(), items.size());
        onList.accept(contacts);
    }

    /** The buddies on the list, with their aliases and group names. */
    public List<Contact> contacts() {
        Map<Integer, String> groups = new HashMap<>();
        for (FeedbagItem item : items) {
            if (item.type() == FeedbagItem.TYPE_GROUP && item.groupId() != 0) {
                groups.put(item.groupId(), item.name());
            }
        }
        List<Contact> contacts = new ArrayList<>();
        for (FeedbagItem item : items) {
            if (item.type() == FeedbagItem.TYPE_BUDDY) {
                contacts.add(new Contact(item.name(), item.alias(), groups.get(item.groupId())));
            }
        }
        return contacts;
    }

    /**
     * Adds {@code uin} (with an optional alias) to the first group; completes on the server's ack. If the server
     * answers that the contact requires authorization, lists it as awaiting authorization and asks for it with
     * {@code reason} (may be null), as ICQ clients do. A contact still awaiting authorization is asked again.
     */
    public CompletableFuture<ContactAddition> addContact(String uin, String nickname, String reason) {
        FeedbagItem listed = buddy(uin);
        if (listed != null) {
            if (!listed.awaitingAuthorization()) {
                return CompletableFuture.completedFuture(ContactAddition.ADDED);
            }
            authorization.request(uin, reason);
            return CompletableFuture.completedFuture(ContactAddition.AWAITING_AUTHORIZATION);
        }
        return add(uin, nickname, false).thenApply(v -> ContactAddition.ADDED).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof FeedbagException refused
                    && refused.code() == AuthorizationSnacs.ACK_AUTHORIZATION_REQUIRED) {
                log.debug("{} requires authorization; listing it as awaiting and asking", uin);
                authorization.request(uin, reason);
                return add(uin, nickname, true).thenApply(v -> ContactAddition.AWAITING_AUTHORIZATION);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private CompletableFuture<Void> add(String uin, String nickname, boolean awaitingAuthorization) {
        FeedbagItem group = firstGroup();
        boolean newGroup = group == null;
        if (newGroup) {
            group = new FeedbagItem(DEFAULT_GROUP, freeGroupId(), 0, FeedbagItem.TYPE_GROUP, TlvChain.empty());
        }
        TlvChain tlvs = nickname == null || nickname.isBlank() ? TlvChain.empty()
                : TlvChain.of(new Tlv(FeedbagItem.TLV_ALIAS, nickname.getBytes(StandardCharsets.UTF_8)));
        if (awaitingAuthorization) {
            tlvs = tlvs.with(new Tlv(FeedbagItem.TLV_AWAITING_AUTH, new byte[0]));
        }
        FeedbagItem buddy = new FeedbagItem(uin, group.groupId(), freeItemId(), FeedbagItem.TYPE_BUDDY, tlvs);
        FeedbagItem updatedGroup = withMember(group, buddy.itemId(), true);

        out.send(FAMILY, EDIT_START, out.alloc().buffer(0));
        if (newGroup) {
            send(ADD, updatedGroup);
        }
        long request = send(ADD, buddy);
        if (!newGroup) {
            send(MODIFY, updatedGroup); // real servers keep member lists only as clients tell them
        }
        out.send(FAMILY, EDIT_END, out.alloc().buffer(0));
        if (newGroup) {
            items.add(group); // the group exists on the server even if the buddy is refused
        }
        FeedbagItem listedGroup = group;
        return track(request, "add " + uin, () -> {
            items.remove(listedGroup);
            items.add(updatedGroup);
            items.add(buddy);
        });
    }

    /** Removes {@code uin} from the list; completes at once if it is not there, else on the server's ack. */
    public CompletableFuture<Void> removeContact(String uin) {
        FeedbagItem buddy = buddy(uin);
        if (buddy == null) {
            return CompletableFuture.completedFuture(null);
        }
        FeedbagItem group = groupOf(buddy);
        out.send(FAMILY, EDIT_START, out.alloc().buffer(0));
        long request = send(DELETE, buddy);
        FeedbagItem updatedGroup = group == null ? null : withMember(group, buddy.itemId(), false);
        if (updatedGroup != null) {
            send(MODIFY, updatedGroup);
        }
        out.send(FAMILY, EDIT_END, out.alloc().buffer(0));
        return track(request, "remove " + uin, () -> {
            items.remove(buddy);
            if (updatedGroup != null) {
                items.remove(group);
                items.add(updatedGroup);
            }
        });
    }

    /** Fails every edit still waiting for its ack. */
    public void shutdown(Throwable cause) {
        for (Pending p : pending.values()) {
            p.timeout.cancel(false);
            p.future.completeExceptionally(cause);
        }
        pending.clear();
    }

    private long send(int subtype, FeedbagItem item) {
        ByteBuf body = out.alloc().buffer();
        item.write(body);
        return out.send(FAMILY, subtype, body);
    }

    private CompletableFuture<Void> track(long request, String what, Runnable onSuccess) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout = out.eventLoop().schedule(() -> {
            Pending p = pending.remove(request);
            if (p != null) {
                p.future.completeExceptionally(new FeedbagException(-1, "No answer to contact-list edit: " + what));
            }
        }, ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pending.put(request, new Pending(future, timeout, onSuccess));
        return future;
    }

    private void onAck(long request, ByteBuf body) {
        Pending p = pending.remove(request);
        if (p == null) {
            return; // an edit nobody waits for (group member updates)
        }
        p.timeout.cancel(false);
        int code = body.readableBytes() >= 2 ? body.readUnsignedShort() : 0;
        if (code == 0) {
            p.onSuccess.run();
            p.future.complete(null);
        } else {
            p.future.completeExceptionally(new FeedbagException(code,
                    String.format("Server refused the contact-list edit (result 0x%04X)", code)));
        }
    }

    private FeedbagItem buddy(String uin) {
        String wanted = normalize(uin);
        return items.stream()
                .filter(i -> i.type() == FeedbagItem.TYPE_BUDDY && normalize(i.name()).equals(wanted))
                .findFirst().orElse(null);
    }

    private FeedbagItem firstGroup() {
        return items.stream()
                .filter(i -> i.type() == FeedbagItem.TYPE_GROUP && i.groupId() != 0)
                .findFirst().orElse(null);
    }

    private FeedbagItem groupOf(FeedbagItem buddy) {
        return items.stream()
                .filter(i -> i.type() == FeedbagItem.TYPE_GROUP && i.groupId() == buddy.groupId())
                .findFirst().orElse(null);
    }

    private int freeItemId() {
        int id = 1;
        for (FeedbagItem item : items) {
            id = Math.max(id, item.itemId() + 1);
        }
        return id & 0x7FFF;
    }

    private int freeGroupId() {
        int id = 1;
        for (FeedbagItem item : items) {
            id = Math.max(id, item.groupId() + 1);
        }
        return id & 0x7FFF;
    }

    private static FeedbagItem withMember(FeedbagItem group, int itemId, boolean add) {
        List<Integer> members = new ArrayList<>();
        byte[] value = group.tlvs().bytes(FeedbagItem.TLV_MEMBERS);
        if (value != null) {
            for (int i = 0; i + 1 < value.length; i += 2) {
                members.add(((value[i] & 0xFF) << 8) | (value[i + 1] & 0xFF));
            }
        }
        members.remove(Integer.valueOf(itemId));
        if (add) {
            members.add(itemId);
        }
        byte[] updated = new byte[2 * members.size()];
        for (int i = 0; i < members.size(); i++) {
            updated[2 * i] = (byte) (members.get(i) >> 8);
            updated[2 * i + 1] = (byte) (int) members.get(i);
        }
        TlvChain tlvs = group.tlvs().without(FeedbagItem.TLV_MEMBERS).with(new Tlv(FeedbagItem.TLV_MEMBERS, updated));
        return new FeedbagItem(group.name(), group.groupId(), group.itemId(), group.type(), tlvs);
    }

    private static String normalize(String screenName) {
        return screenName.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
