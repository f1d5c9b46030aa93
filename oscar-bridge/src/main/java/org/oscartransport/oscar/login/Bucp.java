package org.oscartransport.oscar.login;

/** SNAC family 0x0017 (BUCP, MD5 login) subtypes and login TLV types. */
public final class Bucp {

    private Bucp() {}

    public static final int FAMILY = 0x0017;
    public static final int LOGIN_REQUEST = 0x0002;
    public static final int LOGIN_REPLY = 0x0003;
    public static final int CHALLENGE_REQUEST = 0x0006;
    public static final int CHALLENGE = 0x0007;

    public static final int TLV_SCREEN_NAME = 0x0001;
    public static final int TLV_CLIENT_ID_STRING = 0x0003;
    public static final int TLV_ERROR_URL = 0x0004;
    public static final int TLV_BOS_ADDRESS = 0x0005;
    public static final int TLV_COOKIE = 0x0006;
    public static final int TLV_ERROR_CODE = 0x0008;
    public static final int TLV_PASSWORD_HASH = 0x0025;
    public static final int TLV_STRONG_HASH = 0x004C;

    /** The FLAP channel-1 payload start: FLAP version 1. */
    public static final int FLAP_VERSION = 1;
}
