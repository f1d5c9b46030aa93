package org.oscartransport.oscar.tlv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One type-length-value item. Values are small control data, so they are held as a byte array. */
public record Tlv(int type, byte[] value) {

    public Tlv {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("TLV type out of range: " + type);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value too long: " + value.length);
        }
    }

    public static Tlv empty(int type) {
        return new Tlv(type, new byte[0]);
    }

    public static Tlv u16(int type, int value) {
        return new Tlv(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public static Tlv u32(int type, long value) {
        return new Tlv(type, new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    public static Tlv ascii(int type, String value) {
        return new Tlv(type, value.getBytes(StandardCharsets.US_ASCII));
    }

    public int length() {
        return value.length;
    }

    /** The value as u16, or -1 when it is not exactly 2 bytes long. */
    public int asU16() {
        return value.length == 2 ? ((value[0] & 0xFF) << 8) | (value[1] & 0xFF) : -1;
    }

    /** The value as u32, or -1 when it is not exactly 4 bytes long. */
    public long asU32() {
        if (value.length != 4) {
            return -1;
        }
        return ((long) (value[0] & 0xFF) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8)
                | (value[3] & 0xFF);
    }

    /** The value as u64, or -1 when it is not exactly 8 bytes long (or does not fit a signed long). */
    public long asU64() {
        if (value.length != 8) {
            return -1;
        }
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    public String asAscii() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv other && other.type == type && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("Tlv[0x%04X, %d bytes]", type, value.length);
    }
}
