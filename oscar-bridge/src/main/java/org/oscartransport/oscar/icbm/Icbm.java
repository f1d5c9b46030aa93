package org.oscartransport.oscar.icbm;

/** SNAC family 0x0004 (ICBM) subtypes and channel numbers. */
public final class Icbm {

    private Icbm() {}

    public static final int FAMILY = 0x0004;
    public static final int ERROR = 0x0001;
    public static final int SET_PARAMS = 0x0002;
    public static final int PARAMS_REQUEST = 0x0004;
    public static final int PARAMS_REPLY = 0x0005;
    public static final int SEND = 0x0006;
    public static final int RECEIVE = 0x0007;
    public static final int CLIENT_ERROR = 0x000B;
    public static final int HOST_ACK = 0x000C;
    public static final int OFFLINE_REQUEST = 0x0010;
    public static final int TYPING = 0x0014;

    public static final int CHANNEL_IM = 1;
    public static final int CHANNEL_RENDEZVOUS = 2;
    public static final int CHANNEL_ICQ = 4;

    public static final int TLV_MESSAGE_DATA = 0x0002;
    public static final int TLV_REQUEST_HOST_ACK = 0x0003;
    public static final int TLV_RENDEZVOUS = 0x0005;
    /** Channel 4 carries its little-endian ICQ payload in the same TLV type as the rendezvous block. */
    public static final int TLV_ICQ_DATA = 0x0005;
    public static final int TLV_STORE_OFFLINE = 0x0006;
    /** On channel-1 IMs: the sender wants typing notices; libpurple sends 0004/0014 only to those who ask. */
    public static final int TLV_WANTS_TYPING = 0x000B;
    /** On delivered stored IMs: when it was sent, u32 unix seconds (oscar.md §5.7). */
    public static final int TLV_OFFLINE_TIMESTAMP = 0x0016;
}
