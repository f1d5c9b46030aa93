package org.oscartransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/** One FLAP frame: channel and payload. The sequence number is assigned by {@link FlapFrameEncoder}. */
public final class FlapFrame extends DefaultByteBufHolder {

    public static final int MARKER = 0x2A;
    public static final int HEADER_LENGTH = 6;
    public static final int MAX_PAYLOAD = 0xFFFF;

    public static final int CHANNEL_SIGNON = 1;
    public static final int CHANNEL_DATA = 2;
    public static final int CHANNEL_ERROR = 3;
    public static final int CHANNEL_SIGNOFF = 4;
    public static final int CHANNEL_KEEPALIVE = 5;

    private final int channel;
    private final int sequence;

    public FlapFrame(int channel, ByteBuf payload) {
        this(channel, -1, payload);
    }

    /** {@code sequence} is informational (as received); -1 for frames we build. */
    public FlapFrame(int channel, int sequence, ByteBuf payload) {
        super(payload);
        this.channel = channel;
        this.sequence = sequence;
    }

    public static FlapFrame keepAlive() {
        return new FlapFrame(CHANNEL_KEEPALIVE, Unpooled.EMPTY_BUFFER);
    }

    public int channel() {
        return channel;
    }

    public int sequence() {
        return sequence;
    }

    @Override
    public FlapFrame replace(ByteBuf content) {
        return new FlapFrame(channel, sequence, content);
    }

    @Override
    public String toString() {
        return "FlapFrame[ch=" + channel + ", seq=" + sequence + ", " + content().readableBytes() + " bytes]";
    }
}
