package org.oscartransport.oscar.tlv;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of TLVs, as read from or written to the wire. Lookups return the first occurrence of a type;
 * unknown and repeated types are kept, so a relay can pass a chain on unchanged.
 */
public final class TlvChain {

    private final List<Tlv> tlvs;

    public TlvChain(List<Tlv> tlvs) {
        this.tlvs = List.copyOf(tlvs);
    }

    public static TlvChain of(Tlv... tlvs) {
        return new TlvChain(List.of(tlvs));
    }

    public static TlvChain empty() {
        return new TlvChain(Collections.emptyList());
    }

    /** A "rest block": TLVs back to back until the buffer has no readable bytes left. */
    public static TlvChain readChain(ByteBuf buf) {
        return readChain(buf, buf.readableBytes());
    }

    /** TLVs filling exactly {@code length} bytes; a TLV that runs past them is malformed. */
    public static TlvChain readChain(ByteBuf buf, int length) {
        WireReads.require(buf, length, "TLV chain");
        int end = buf.readerIndex() + length;
        List<Tlv> list = new ArrayList<>();
        while (buf.readerIndex() < end) {
            list.add(readOne(buf, end - buf.readerIndex()));
        }
        return new TlvChain(list);
    }

    /** A "TLV block": {@code u16 count} then that many TLVs. A count larger than the data is malformed. */
    public static TlvChain readBlock(ByteBuf buf) {
        int count = WireReads.u16(buf, "TLV block count");
        List<Tlv> list = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            list.add(readOne(buf, buf.readableBytes()));
        }
        return new TlvChain(list);
    }

    /** A "TLV l-block": {@code u16 byteLength} then TLVs filling exactly that many bytes. */
    public static TlvChain readLBlock(ByteBuf buf) {
        int length = WireReads.u16(buf, "TLV l-block length");
        return readChain(buf, length);
    }

    private static Tlv readOne(ByteBuf buf, int available) {
        if (available < 4) {
            throw new MalformedDataException("TLV header truncated: " + available + " bytes left");
        }
        int type = buf.readUnsignedShort();
        int length = buf.readUnsignedShort();
        if (length > available - 4) {
            throw new MalformedDataException(
                    String.format("TLV 0x%04X claims %d bytes, only %d left", type, length, available - 4));
        }
        byte[] value = new byte[length];
        buf.readBytes(value);
        return new Tlv(type, value);
    }

    public void writeChain(ByteBuf out) {
        for (Tlv tlv : tlvs) {
            writeTlv(out, tlv);
        }
    }

    public void writeBlock(ByteBuf out) {
        out.writeShort(tlvs.size());
        writeChain(out);
    }

    public void writeLBlock(ByteBuf out) {
        out.writeShort(encodedLength());
        writeChain(out);
    }

    public static void writeTlv(ByteBuf out, Tlv tlv) {
        out.writeShort(tlv.type());
        out.writeShort(tlv.length());
        out.writeBytes(tlv.value());
    }

    public int encodedLength() {
        int n = 0;
        for (Tlv tlv : tlvs) {
            n += 4 + tlv.length();
        }
        return n;
    }

    public Tlv first(int type) {
        for (Tlv tlv : tlvs) {
            if (tlv.type() == type) {
                return tlv;
            }
        }
        return null;
    }

    public boolean has(int type) {
        return first(type) != null;
    }

    /** The first value of {@code type} as u16, or {@code fallback} when absent or of the wrong size. */
    public int u16(int type, int fallback) {
        Tlv tlv = first(type);
        return tlv == null || tlv.asU16() < 0 ? fallback : tlv.asU16();
    }

    public long u32(int type, long fallback) {
        Tlv tlv = first(type);
        return tlv == null || tlv.asU32() < 0 ? fallback : tlv.asU32();
    }

    public byte[] bytes(int type) {
        Tlv tlv = first(type);
        return tlv == null ? null : tlv.value();
    }

    public String ascii(int type) {
        Tlv tlv = first(type);
        return tlv == null ? null : tlv.asAscii();
    }

    public List<Tlv> all() {
        return tlvs;
    }

    public int size() {
        return tlvs.size();
    }

    /** A copy without any TLV of the given types. */
    public TlvChain without(int... types) {
        List<Tlv> kept = new ArrayList<>(tlvs.size());
        outer:
        for (Tlv tlv : tlvs) {
            for (int t : types) {
                if (tlv.type() == t) {
                    continue outer;
                }
            }
            kept.add(tlv);
        }
        return new TlvChain(kept);
    }

    /** A copy with {@code tlv} appended. */
    public TlvChain with(Tlv tlv) {
        List<Tlv> list = new ArrayList<>(tlvs);
        list.add(tlv);
        return new TlvChain(list);
    }

    @Override
    public String toString() {
        return tlvs.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects TLVs in order. */
    public static final class Builder {
        private final List<Tlv> tlvs = new ArrayList<>();

        public Builder add(Tlv tlv) {
            tlvs.add(tlv);
            return this;
        }

        public TlvChain build() {
            return new TlvChain(tlvs);
        }
    }
}
