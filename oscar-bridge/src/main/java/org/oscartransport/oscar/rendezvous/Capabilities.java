package org.oscartransport.oscar.rendezvous;

import java.util.HexFormat;
import java.util.List;

/** Capability GUIDs (oscar.md §0.3), as the 16 bytes written on the wire. */
public final class Capabilities {

    private Capabilities() {}

    public static final byte[] SEND_FILE = guid("094613434C7F11D18222444553540000");
    public static final byte[] SHORT_CAPS = guid("094600004C7F11D18222444553540000");
    public static final byte[] ICQ_SERVER_RELAY = guid("094613494C7F11D18222444553540000");
    public static final byte[] INTEROPERATE = guid("0946134D4C7F11D18222444553540000");
    public static final byte[] UNICODE = guid("0946134E4C7F11D18222444553540000");
    /** The peer reads IM text as HTML (libpurple, ICQ 6 and later): plain text must be escaped for it. */
    public static final byte[] HTML_MESSAGES = guid("0138CA7B769A491588F213FC00979EA8");

    /** What our client advertises in 0002/0004 TLV 0x0005: at least Send File, so peers offer us files. */
    public static final List<byte[]> ADVERTISED =
            List.of(SHORT_CAPS, SEND_FILE, ICQ_SERVER_RELAY, INTEROPERATE, UNICODE);

    public static byte[] guid(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a capability has 16 bytes");
        }
        return bytes;
    }
}
