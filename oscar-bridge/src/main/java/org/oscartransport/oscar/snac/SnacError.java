package org.oscartransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import org.oscartransport.oscar.tlv.TlvChain;
import org.oscartransport.oscar.tlv.WireReads;

/** The body of an error SNAC (subtype 0x0001 of any family): a code and an optional subcode. */
public record SnacError(int code, int subcode) {

    public static final int SUBTYPE = 0x0001;

    public static final int INVALID_SNAC = 0x0001;
    public static final int RATE_TO_HOST = 0x0002;
    public static final int NOT_LOGGED_ON = 0x0004;
    public static final int SERVICE_UNAVAILABLE = 0x0005;
    public static final int BUSTED_PAYLOAD = 0x000E;

    public static SnacError read(ByteBuf body) {
        int code = WireReads.u16(body, "SNAC error code");
        int subcode = body.isReadable() ? TlvChain.readChain(body).u16(0x0008, -1) : -1;
        return new SnacError(code, subcode);
    }

    public static void write(ByteBuf out, int code) {
        out.writeShort(code);
    }
}
