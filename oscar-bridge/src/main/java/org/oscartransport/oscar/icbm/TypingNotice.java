package org.oscartransport.oscar.icbm;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.session.TypingState;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * A typing notification 0004/0014 (oscar.md §5.5): {@code cookie[8] u16 channel str8 name u16 event}. Sent with a
 * zero cookie on channel 1, as libpurple does; the server puts the sender's name in place of ours.
 */
public record TypingNotice(String name, TypingState state) {

    static final int FINISHED = 0x0000;
    static final int PAUSED = 0x0001;
    static final int TYPING = 0x0002;

    /** Reads a notice; unknown events (0x000F window closed, ...) count as stopped. */
    public static TypingNotice read(ByteBuf in) {
        WireReads.skip(in, 8, "typing cookie");
        WireReads.u16(in, "typing channel");
        String name = WireReads.str8(in, "typing name");
        int event = WireReads.u16(in, "typing event");
        TypingState state = switch (event) {
            case TYPING -> TypingState.TYPING;
            case PAUSED -> TypingState.PAUSED;
            default -> TypingState.STOPPED;
        };
        return new TypingNotice(name, state);
    }

    public void write(ByteBuf out) {
        out.writeZero(8);
        out.writeShort(Icbm.CHANNEL_IM);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(bytes.length).writeBytes(bytes);
        out.writeShort(switch (state) {
            case TYPING -> TYPING;
            case PAUSED -> PAUSED;
            case STOPPED -> FINISHED;
        });
    }
}
