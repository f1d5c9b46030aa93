package org.oscartransport.oscar.rate;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.oscartransport.oscar.tlv.WireReads;

/** A rate change notice 0001/000A: why, and the new parameters and current level of the class(es) concerned. */
public record RateChange(int code, List<RateClass> classes) {

    public static final int SUBTYPE = 0x000A;

    public static final int CHANGED = 1;
    public static final int WARNING = 2;
    public static final int LIMITED = 3;
    public static final int CLEAR = 4;

    public RateChange {
        classes = List.copyOf(classes);
    }

    /** Reads the code and the records, extended (oscar.md §4.2) unless the body only fits basic ones. */
    public static RateChange read(ByteBuf body) {
        int code = WireReads.u16(body, "rate change code");
        boolean extended = body.readableBytes() % RateClass.EXTENDED_LENGTH == 0
                || body.readableBytes() % RateClass.BASIC_LENGTH != 0;
        List<RateClass> classes = new ArrayList<>();
        do {
            classes.add(RateClass.read(body, extended));
        } while (body.isReadable());
        return new RateChange(code, classes);
    }

    public void write(ByteBuf out) {
        out.writeShort(code);
        classes.forEach(c -> c.write(out));
    }

    public String codeName() {
        return switch (code) {
            case CHANGED -> "changed";
            case WARNING -> "warning";
            case LIMITED -> "limited";
            case CLEAR -> "clear";
            default -> "code " + code;
        };
    }
}
