package org.oscartransport.oscar.icbm;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** ICBM cookies in libpurple's form, 7 ASCII digits + NUL, which every client accepts. */
public final class IcbmCookies {

    private IcbmCookies() {}

    public static byte[] newCookie() {
        byte[] cookie = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[8];
        System.arraycopy(cookie, 0, out, 0, 7);
        return out;
    }

    /** A map key for a cookie (cookies are compared byte for byte). */
    public static String key(byte[] cookie) {
        return HexFormat.of().formatHex(cookie);
    }
}
