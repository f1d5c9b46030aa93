package org.oscartransport.oscar.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The two BUCP MD5 password digests (oscar.md §3.1). */
public final class LoginHash {

    private static final byte[] AIM_CONSTANT = "AOL Instant Messenger (SM)".getBytes(StandardCharsets.US_ASCII);

    /** libpurple truncates ICQ passwords to this many bytes before hashing. */
    public static final int MAX_ICQ_PASSWORD_BYTES = 16;

    private LoginHash() {}

    /** AIM 4.8+ and libpurple: MD5(key || MD5(password) || constant). Sent with empty TLV 0x004C. */
    public static byte[] strong(byte[] key, byte[] password) {
        MessageDigest md5 = md5();
        md5.update(key);
        md5.update(md5().digest(password));
        md5.update(AIM_CONSTANT);
        return md5.digest();
    }

    /** AIM 3.5–4.7: MD5(key || password || constant). */
    public static byte[] weak(byte[] key, byte[] password) {
        MessageDigest md5 = md5();
        md5.update(key);
        md5.update(password);
        md5.update(AIM_CONSTANT);
        return md5.digest();
    }

    /** Password bytes as an ICQ client hashes them: UTF-8, at most 16 bytes. */
    public static byte[] icqPasswordBytes(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ICQ_PASSWORD_BYTES) {
            return bytes;
        }
        byte[] cut = new byte[MAX_ICQ_PASSWORD_BYTES];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        return cut;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }
}
