package org.oscartransport.oscar.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.oscartransport.oscar.login.LoginHash;

/**
 * The emulator's accounts: a list from a file, or "open" (every UIN exists, every password is right). Thread-safe:
 * a listed account's password may change while the emulator runs.
 */
public final class Accounts {

    private static final Pattern UIN = Pattern.compile("[0-9]{1,10}");

    private final boolean open;
    private final Map<String, String> passwords;

    private Accounts(boolean open, Map<String, String> passwords) {
        this.open = open;
        this.passwords = new ConcurrentHashMap<>(passwords);
    }

    /** Any UIN with any password signs on; accounts come into being on first use. */
    public static Accounts open() {
        return new Accounts(true, Map.of());
    }

    public static Accounts of(Map<String, String> passwords) {
        return new Accounts(false, passwords);
    }

    /**
     * Reads {@code UIN password} lines; blank lines and lines starting with {@code #} are skipped. The password
     * is the rest of the line after the first run of spaces.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad line
     */
    public static Accounts fromFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> passwords = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String where = file + " line " + (i + 1);
            if (parts.length != 2 || !UIN.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException(where + ": expected 'UIN password' with a numeric UIN");
            }
            if (passwords.putIfAbsent(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException(where + ": UIN " + parts[0] + " is listed twice");
            }
        }
        return new Accounts(false, passwords);
    }

    /**
     * Gives a listed account a new password, as its owner would on the ICQ website: sessions signed on stay, the
     * next login needs the new one.
     *
     * @throws IllegalArgumentException if the UIN is not listed (open accounts take any password anyway)
     */
    public void changePassword(String uin, String password) {
        if (passwords.replace(uin, password) == null) {
            throw new IllegalArgumentException("UIN " + uin + " is not a listed account");
        }
    }

    public boolean isOpen() {
        return open;
    }

    public boolean exists(String uin) {
        return open || passwords.containsKey(uin);
    }

    /** Checks a BUCP digest against both MD5 variants (a server cannot know which one the client used). */
    public boolean passwordMatches(String uin, byte[] key, byte[] digest) {
        if (open) {
            return true;
        }
        String password = passwords.get(uin);
        if (password == null || digest == null) {
            return false;
        }
        for (byte[] candidate : List.of(password.getBytes(StandardCharsets.UTF_8),
                LoginHash.icqPasswordBytes(password))) {
            if (MessageDigest.isEqual(digest, LoginHash.strong(key, candidate))
                    || MessageDigest.isEqual(digest, LoginHash.weak(key, candidate))) {
                return true;
            }
        }
        return false;
    }
}
