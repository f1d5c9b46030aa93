package org.oscartransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/** One SNAC: header fields and body (the body excludes the optional 0x8000 TLV prefix). */
public final class Snac extends DefaultByteBufHolder {

    public static final int HEADER_LENGTH = 10;
    public static final int FLAG_MORE_REPLIES = 0x0001;
    public static final int FLAG_HAS_PREFIX = 0x8000;

    private final int family;
    private final int subtype;
    private final int flags;
    private final long requestId;

    public Snac(int family, int subtype, int flags, long requestId, ByteBuf body) {
        super(body);
        this.family = family;
        this.subtype = subtype;
        this.flags = flags;
        this.requestId = requestId & 0xFFFFFFFFL;
    }

    public static Snac of(int family, int subtype, long requestId, ByteBuf body) {
        return new Snac(family, subtype, 0, requestId, body);
    }

    public static Snac empty(int family, int subtype, long requestId) {
        return new Snac(family, subtype, 0, requestId, Unpooled.EMPTY_BUFFER);
    }

    public int family() {
        return family;
    }

    public int subtype() {
        return subtype;
    }

    public int flags() {
        return flags;
    }

    public long requestId() {
        return requestId;
    }

    public boolean is(int family, int subtype) {
        return this.family == family && this.subtype == subtype;
    }

    public boolean moreRepliesFollow() {
        return (flags & FLAG_MORE_REPLIES) != 0;
    }

    @Override
    public Snac replace(ByteBuf content) {
        return new Snac(family, subtype, flags, requestId, content);
    }

    @Override
    public String toString() {
        return String.format("Snac[%04X/%04X flags=%04X req=%d, %d bytes]",
                family, subtype, flags, requestId, content().readableBytes());
    }
}
