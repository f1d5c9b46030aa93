package org.oscartransport.oscar.feedbag;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * Bodies of the ICQ authorization SNACs in family 0x0013 (oscar.md §4.3), shared by our client and the emulator:
 * {@code u8 length + screen name}, for replies a {@code u8} verdict (1 = granted, 0 = denied), then the reason as
 * {@code u16 length} + NUL-terminated text (length 0: no reason) and a trailing {@code u16 0}.
 */
public final class AuthorizationSnacs {

    /** Client → server: grant a contact authorization before it asks. */
    public static final int SEND_FUTURE_GRANT = 0x0014;
    /** Server → client: a contact granted us authorization in advance. */
    public static final int FUTURE_GRANTED = 0x0015;
    /** Client → server: ask a contact for authorization. */
    public static final int SEND_REQUEST = 0x0018;
    /** Server → client: a contact asks us for authorization. */
    public static final int REQUEST = 0x0019;
    /** Client → server: answer a contact's request. */
    public static final int SEND_REPLY = 0x001A;
    /** Server → client: a contact answered our request. */
    public static final int REPLY = 0x001B;
    /** Server → client: a contact put us on their list. */
    public static final int YOU_WERE_ADDED = 0x001C;
    /** 0013/000E result for a buddy that may only be added with {@link FeedbagItem#TLV_AWAITING_AUTH}. */
    public static final int ACK_AUTHORIZATION_REQUIRED = 0x000E;

    /** Longest reason we send; the whole SNAC must fit one FLAP frame (u16 length). */
    static final int MAX_REASON_BYTES = 4096;

    /** A request (0018/0019) or an advance grant (0014/0015): who it concerns and the text that came with it. */
    public record Request(String uin, String reason) {}

    /** An answer (001A/001B). */
    public record Reply(String uin, boolean granted, String reason) {}

    private AuthorizationSnacs() {}

    public static void writeRequest(ByteBuf out, String uin, String reason) {
        writeName(out, uin);
        writeReason(out, reason);
        out.writeShort(0);
    }

    public static Request readRequest(ByteBuf in) {
        String uin = readName(in);
        return new Request(uin, readReason(in));
    }

    public static void writeReply(ByteBuf out, String uin, boolean granted, String reason) {
        writeName(out, uin);
        out.writeByte(granted ? 1 : 0);
        writeReason(out, reason);
        out.writeShort(0);
    }

    public static Reply readReply(ByteBuf in) {
        String uin = readName(in);
        boolean granted = WireReads.u8(in, "authorization verdict") == 1;
        return new Reply(uin, granted, readReason(in));
    }

    /** Refuses names that cannot go on the wire; call before allocating a body. */
    public static void requireName(String uin) {
        if (uin.isEmpty() || uin.length() > 0xFF || !StandardCharsets.US_ASCII.newEncoder().canEncode(uin)) {
            throw new IllegalArgumentException("screen name must be 1-255 ASCII characters: '" + uin + "'");
        }
    }

    public static void writeName(ByteBuf out, String uin) {
        requireName(uin);
        byte[] name = uin.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(name.length).writeBytes(name);
    }

    public static String readName(ByteBuf in) {
        String uin = WireReads.str8(in, "authorization screen name");
        try {
            requireName(uin);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException("authorization SNAC without a valid screen name");
        }
        return uin;
    }

    private static void writeReason(ByteBuf out, String reason) {
        if (reason == null || reason.isEmpty()) {
            out.writeShort(0);
            return;
        }
        byte[] text = fitted(reason).getBytes(StandardCharsets.UTF_8);
        out.writeShort(text.length + 1).writeBytes(text).writeByte(0);
    }

    /** The reason cut (on a character boundary) to what fits a FLAP frame with room to spare. */
    private static String fitted(String reason) {
        String text = reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            text = text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) * 3 / 4));
        }
        return text;
    }

    /** The reason text without its NUL, or null if none came. */
    private static String readReason(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return null; // some clients end the SNAC after the name or verdict
        }
        byte[] text = WireReads.bytes(in, WireReads.u16(in, "authorization reason length"), "authorization reason");
        int end = text.length;
        while (end > 0 && text[end - 1] == 0) {
            end--;
        }
        return end == 0 ? null : new String(text, 0, end, StandardCharsets.UTF_8);
    }
}
