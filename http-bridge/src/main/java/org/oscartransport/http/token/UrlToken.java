package org.oscartransport.http.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret path segment that makes a download URL a capability. Its value is never logged: {@link #toString()}
 * is redacted on purpose.
 */
public final class UrlToken {

    /** 144 bits: above the 128 the design asks for, and a whole number of base64 characters (24). */
    private static final int RANDOM_BYTES = 18;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String value;
    private final byte[] ascii;

    private UrlToken(String value) {
        this.value = value;
        this.ascii = value.getBytes(StandardCharsets.US_ASCII);
    }

    public static UrlToken random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new UrlToken(BASE64URL.encodeToString(bytes));
    }

    /** The base64url text that goes into the URL. Secret: do not log. */
    public String value() {
        return value;
    }

    /** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
    public boolean matches(CharSequence candidate) {
        byte[] other = candidate.toString().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(ascii, other);
    }

    @Override
    public String toString() {
        return "UrlToken[redacted]";
    }
}
