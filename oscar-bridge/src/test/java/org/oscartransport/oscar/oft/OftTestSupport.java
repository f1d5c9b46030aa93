package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;

/** Byte-level helpers for tests that play the OFT peer by hand. */
final class OftTestSupport {

    static final byte[] COOKIE = {1, 2, 3, 4, 5, 6, 7, 8};

    private OftTestSupport() {}

    static byte[] encode(OftHeader header) {
        ByteBuf buf = OftHeaderCodec.encode(header, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Reads one header from a blocking stream. */
    static OftHeader readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] prefix = new byte[6];
        data.readFully(prefix);
        int length = ((prefix[4] & 0xFF) << 8) | (prefix[5] & 0xFF);
        byte[] whole = new byte[length];
        System.arraycopy(prefix, 0, whole, 0, 6);
        data.readFully(whole, 6, length - 6);
        ByteBuf buf = Unpooled.wrappedBuffer(whole);
        try {
            return OftHeaderCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long checksum(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            return OftChecksum.of(buf);
        } finally {
            buf.release();
        }
    }
}
