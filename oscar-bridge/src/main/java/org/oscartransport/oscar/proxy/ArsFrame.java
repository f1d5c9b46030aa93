package org.oscartransport.oscar.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * One frame of the AOL rendezvous proxy (ARS, oscar.md §7.1): {@code u16 length, u16 0x044A, u16 command,
 * u32 0, u16 flags, payload}; the length counts everything after itself. Not FLAP-framed.
 */
public record ArsFrame(int command, int flags, byte[] payload) {

    public static final int VERSION = 0x044A;
    /** Bytes after the length field and before the payload. */
    public static final int HEADER_AFTER_LENGTH = 10;

    public static final int ERROR = 0x0001;
    public static final int INIT_SEND = 0x0002;
    public static final int ACK = 0x0003;
    public static final int INIT_RECV = 0x0004;
    public static final int READY = 0x0005;

    public static final int ERROR_BAD_REQUEST = 0x000D;
    public static final int ERROR_MALFORMED = 0x000E;
    public static final int ERROR_INITIAL_TIMEOUT = 0x0010;
    public static final int ERROR_ACCEPT_TIMEOUT = 0x001A;
    public static final int ERROR_INVALID_DATA = 0x001C;

    /** AOL's server sent these flags; clients send 0 (§12.4). */
    public static final int SERVER_FLAGS = 0x0220;

    private static final int CAPABILITY_TLV = 0x0001;

    /** What INIT_SEND and INIT_RECV carry. {@code pin} is -1 for INIT_SEND. */
    public record Init(String name, int pin, byte[] cookie, byte[] capability) {}

    public static ArsFrame initSend(String ownName, byte[] cookie, byte[] capability) {
        return new ArsFrame(INIT_SEND, 0, initPayload(ownName, -1, cookie, capability));
    }

    public static ArsFrame initRecv(String ownName, int pin, byte[] cookie, byte[] capability) {
        return new ArsFrame(INIT_RECV, 0, initPayload(ownName, pin, cookie, capability));
    }

    public static ArsFrame ack(int pin, byte[] proxyIpv4) {
        ByteBuf p = Unpooled.buffer(6).writeShort(pin).writeBytes(proxyIpv4);
        return new ArsFrame(ACK, SERVER_FLAGS, p.array());
    }

    public static ArsFrame ready() {
        return new ArsFrame(READY, SERVER_FLAGS, new byte[0]);
    }

    public static ArsFrame error(int code) {
        return new ArsFrame(ERROR, SERVER_FLAGS, new byte[] {(byte) (code >> 8), (byte) code});
    }

    private static byte[] initPayload(String name, int pin, byte[] cookie, byte[] capability) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 255 || cookie.length != 8 || capability.length != 16) {
            throw new IllegalArgumentException("name ≤ 255 bytes, cookie 8 bytes, capability 16 bytes");
        }
        ByteBuf p = Unpooled.buffer();
        p.writeByte(nameBytes.length).writeBytes(nameBytes);
        if (pin >= 0) {
            p.writeShort(pin);
        }
        p.writeBytes(cookie).writeShort(CAPABILITY_TLV).writeShort(16).writeBytes(capability);
        byte[] out = new byte[p.readableBytes()];
        p.readBytes(out);
        return out;
    }

    /** Parses the payload of INIT_SEND or INIT_RECV. */
    public Init init() {
        if (command != INIT_SEND && command != INIT_RECV) {
            throw new MalformedDataException("not an ARS init frame: " + command);
        }
        ByteBuf p = Unpooled.wrappedBuffer(payload);
        String name = WireReads.str8(p, "ARS name");
        int pin = command == INIT_RECV ? WireReads.u16(p, "ARS pin") : -1;
        byte[] cookie = WireReads.bytes(p, 8, "ARS cookie");
        byte[] capability = new byte[16];
        if (p.readableBytes() >= 4 + 16 && p.readUnsignedShort() == CAPABILITY_TLV
                && p.readUnsignedShort() == 16) {
            p.readBytes(capability);
        }
        return new Init(name, pin, cookie, capability);
    }

    /** ACK payload: the pin. */
    public int ackPin() {
        return WireReads.u16(Unpooled.wrappedBuffer(payload), "ARS pin");
    }

    /** ACK payload: the proxy's IPv4 address, 4 bytes. */
    public byte[] ackIp() {
        ByteBuf p = Unpooled.wrappedBuffer(payload);
        WireReads.skip(p, 2, "ARS pin");
        return WireReads.bytes(p, 4, "ARS proxy IP");
    }

    public int errorCode() {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 0;
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(2 + HEADER_AFTER_LENGTH + payload.length);
        out.writeShort(HEADER_AFTER_LENGTH + payload.length)
                .writeShort(VERSION)
                .writeShort(command)
                .writeInt(0)
                .writeShort(flags)
                .writeBytes(payload);
        return out;
    }

    /** Reads one whole frame, or returns null (reading nothing) if {@code in} does not hold one yet. */
    public static ArsFrame read(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return null;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length < HEADER_AFTER_LENGTH) {
            throw new MalformedDataException("ARS frame length " + length + " is shorter than its header");
        }
        if (in.readableBytes() < 2 + length) {
            return null;
        }
        in.skipBytes(2);
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new MalformedDataException(String.format("ARS frame version 0x%04X, expected 0x044A", version));
        }
        int command = in.readUnsignedShort();
        in.skipBytes(4);
        int flags = in.readUnsignedShort();
        byte[] payload = new byte[length - HEADER_AFTER_LENGTH];
        in.readBytes(payload);
        return new ArsFrame(command, flags, payload);
    }

    public String describe() {
        return switch (command) {
            case ERROR -> String.format("ERROR 0x%04X", errorCode());
            case INIT_SEND -> "INIT_SEND";
            case ACK -> "ACK";
            case INIT_RECV -> "INIT_RECV";
            case READY -> "READY";
            default -> String.format("command 0x%04X", command);
        };
    }
}
