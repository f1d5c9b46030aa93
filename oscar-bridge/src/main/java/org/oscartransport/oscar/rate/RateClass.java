package org.oscartransport.oscar.rate;

import io.netty.buffer.ByteBuf;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * One rate class of a 0001/0007 rate reply or 0001/000A rate change (oscar.md §4.2). Levels are moving averages
 * of the milliseconds between SNACs: high is good, and the server acts when the level falls below alert (warns),
 * limit (drops SNACs) or disconnect (closes the connection). {@code lastTimeMillis} and {@code dropping} are the
 * 5 extended bytes; -1 and false when the record had none.
 */
public record RateClass(int id, long window, long clear, long alert, long limit, long disconnect, long current,
        long max, long lastTimeMillis, boolean dropping) {

    /** Bytes of one record: id, seven u32 levels, and optionally u32 last time + u8 dropping. */
    static final int BASIC_LENGTH = 2 + 7 * 4;
    static final int EXTENDED_LENGTH = BASIC_LENGTH + 5;

    public static RateClass read(ByteBuf in, boolean extended) {
        int id = WireReads.u16(in, "rate class id");
        long window = WireReads.u32(in, "rate window");
        long clear = WireReads.u32(in, "rate clear level");
        long alert = WireReads.u32(in, "rate alert level");
        long limit = WireReads.u32(in, "rate limit level");
        long disconnect = WireReads.u32(in, "rate disconnect level");
        long current = WireReads.u32(in, "rate current level");
        long max = WireReads.u32(in, "rate max level");
        long last = -1;
        boolean dropping = false;
        if (extended) {
            last = WireReads.u32(in, "rate last time");
            dropping = WireReads.u8(in, "rate dropping flag") != 0;
        }
        return new RateClass(id, window, clear, alert, limit, disconnect, current, max, last, dropping);
    }

    /** Writes the extended form, which libpurple always expects (oscar.md §10 pitfall 10). */
    public void write(ByteBuf out) {
        out.writeShort(id);
        out.writeInt((int) window).writeInt((int) clear).writeInt((int) alert).writeInt((int) limit)
                .writeInt((int) disconnect).writeInt((int) current).writeInt((int) max);
        out.writeInt((int) Math.max(0, lastTimeMillis)).writeByte(dropping ? 1 : 0);
    }

    /** The same class with another current level, as a server reports it in a rate change. */
    public RateClass withCurrent(long level, boolean droppingNow) {
        return new RateClass(id, window, clear, alert, limit, disconnect, level, max, lastTimeMillis, droppingNow);
    }
}
