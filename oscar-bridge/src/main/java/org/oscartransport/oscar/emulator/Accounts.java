package org.oscartransport.oscar.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.oscartransport.oscar.login.LoginHash;

/**
 * The emulator's accounts: a list from a file, or "open" (every UIN exists, every password is right). Thread-safe:
 * a listed account's password may change while the emulator runs. Some accounts may require authorization: others
 * can list them only with the "awaiting authorization" flag and see their presence only once they granted it
 * (oscar.md §4.3).
 */
public final class Accounts {

    private static final Pattern UIN = Pattern.compile("[0-9]{1,10}");
    /** Appended to the UIN in an accounts file line to mark an account that requires authorization. */
    static final String AUTH_MARK = ":auth";

    private final boolean open;
    private final Map<String, String> passwords;
    private final Set<String> requireAuthorization;

    private Accounts(boolean open, Map<String, String> passwords, Set<String> requireAuthorization) {
        this.open = open;
        this.passwords = new ConcurrentHashMap<>(passwords);
        this.requireAuthorization = Set.copyOf(requireAuthorization);
    }

    private Accounts(boolean open, Map<String, String> passwords) {
        this(open, passwords, Set.of());
    }

    /** Any UIN with any password signs on; accounts come into being on first use. */
    public static Accounts open() {
        return new Accounts(true, Map.of());
    }

    public static Accounts of(Map<String, String> passwords) {
        return new Accounts(false, passwords);
    }

    /**
     * These accounts plus {@code uins} marked as requiring authorization, as a new instance: give that one to the
     * emulator (password changes on this one do not reach it).
     */
    public Accounts requiringAuthorization(Set<String> uins) {
        for (String uin : uins) {
            if (!UIN.matcher(uin).matches()) {
                throw new IllegalArgumentException("not a numeric UIN: '" + uin + "'");
            }
        }
        Set<String> all = new HashSet<>(requireAuthorization);
        all.addAll(uins);
        return new Accounts(open, passwords, all);
    }

    /**
     * Reads {@code UIN password} lines; blank lines and lines starting with {@code #} are skipped. The password
     * is the rest of the line after the first run of spaces. {@code UIN:auth password} marks an account that
     * requires authorization.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad line
     */
    public static Accounts fromFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> passwords = new HashMap<>();
        Set<String> requireAuthorization = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String where = file + " line " + (i + 1);
            String uin = parts[0];
            boolean auth = uin.endsWith(AUTH_MARK);
            if (auth) {
                uin = uin.substring(0, uin.length() - AUTH_MARK.length());
            }
            if (parts.length != 2 || !UIN.matcher(uin).matches()) {
                throw new IllegalArgumentException(where
                        + ": expected 'UIN password' or 'UIN:auth password' with a numeric UIN");
            }
            if (passwords.putIfAbsent(uin, parts[1]) != null) {
                throw new IllegalArgumentException(where + ": UIN " + uin + " is listed twice");
            }
            if (auth) {
                requireAuthorization.add(uin);
            }
        }
        return new Accounts(false, passwords, requireAuthorization);
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

    /** Whether others need {@code uin}'s authorization to list it and see its presence. */
    public boolean requiresAuthorization(String uin) {
        return requireAuthorization.contains(EmulatorRegistry.normalize(uin));
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
