package org.oscartransport.oscar.flap;

import io.netty.channel.ChannelPipeline;
import org.oscartransport.oscar.snac.SnacDecoder;
import org.oscartransport.oscar.snac.SnacEncoder;

/** The codec part of every OSCAR (login or BOS) pipeline, client or server side. */
public final class OscarPipeline {

    private OscarPipeline() {}

    /** Adds: bytes ⇄ FLAP frames ⇄ SNACs (channel 2); other FLAP channels reach the handler as frames. */
    public static void addCodecs(ChannelPipeline p) {
        p.addLast("flapDecoder", new FlapFrameDecoder());
        p.addLast("flapEncoder", new FlapFrameEncoder());
        p.addLast("snacDecoder", new SnacDecoder());
        p.addLast("snacEncoder", new SnacEncoder());
    }
}
