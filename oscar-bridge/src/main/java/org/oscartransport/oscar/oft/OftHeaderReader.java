package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Collects one OFT2 header from a byte stream that may split it anywhere: 6 bytes (magic, hdrLen), then
 * hdrLen − 6 more. Consumes no byte past the header. Only a header that arrives in pieces is copied, into a
 * buffer of at most {@link OftHeader#MAX_LENGTH} bytes.
 */
final class OftHeaderReader {

    private ByteBuf partial;

    /**
     * Takes bytes of {@code in} up to the end of the current header.
     *
     * @return the header, or null if {@code in} ran out first (then all of it was consumed)
     * @throws OftProtocolException on bad magic or an impossible hdrLen, as soon as the first 6 bytes are known
     */
    OftHeader read(ByteBuf in, ByteBufAllocator alloc) {
        if (partial == null) {
            if (in.readableBytes() >= OftHeaderCodec.PREFIX_LENGTH
                    && in.readableBytes() >= OftHeaderCodec.headerLength(in, in.readerIndex())) {
                return OftHeaderCodec.decode(in); // whole header in one piece: no copy
            }
            partial = alloc.heapBuffer(OftHeaderCodec.PREFIX_LENGTH, OftHeader.MAX_LENGTH);
        }
        if (!fill(in, OftHeaderCodec.PREFIX_LENGTH)) {
            return null;
        }
        if (!fill(in, OftHeaderCodec.headerLength(partial, partial.readerIndex()))) {
            return null;
        }
        try {
            return OftHeaderCodec.decode(partial);
        } finally {
            release();
        }
    }

    /** True if {@code partial} now holds {@code target} bytes. */
    private boolean fill(ByteBuf in, int target) {
        int missing = target - partial.readableBytes();
        if (missing > 0) {
            partial.writeBytes(in, Math.min(missing, in.readableBytes()));
        }
        return partial.readableBytes() >= target;
    }

    /** Drops a half-read header. Safe to call more than once. */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
