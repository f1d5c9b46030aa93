package org.oscartransport.oscar.rendezvous;

/** TLV types inside the rendezvous block (oscar.md §6.2). */
public final class RendezvousTlvs {

    private RendezvousTlvs() {}

    public static final int RENDEZVOUS_IP = 0x0002;
    public static final int CLIENT_IP = 0x0003;
    public static final int VERIFIED_IP = 0x0004;
    public static final int PORT = 0x0005;
    public static final int SEQUENCE = 0x000A;
    public static final int CANCEL_REASON = 0x000B;
    public static final int HOST_CHECK = 0x000F;
    public static final int USE_PROXY = 0x0010;
    public static final int IP_CHECK = 0x0016;
    public static final int PORT_CHECK = 0x0017;
    public static final int SERVICE_DATA = 0x2711;
    public static final int SERVICE_DATA_CHARSET = 0x2712;
    public static final int TOTAL_SIZE_64 = 0x2713;
}
