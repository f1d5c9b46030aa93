package org.oscartransport.http.zip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.oscartransport.http.naming.SafeFileName;

/**
 * Turns the peer's file names into ZIP entry names that are safe to unpack: folders separated by {@code /}
 * (OFT uses 0x01; {@code /} and {@code \} count as separators too), every component made safe by
 * {@link SafeFileName} (no control or bidi characters, no {@code ..}: empty and dot-only components are
 * dropped, so nothing is absolute or climbs out), at most {@link #MAX_BYTES} UTF-8 bytes (leading folders go
 * first, then the stem of the file name, never its extension), and unique within the archive ignoring case (a
 * clash gets {@code " (2)"}, {@code " (3)"}... before the extension). Not thread-safe: one per archive.
 */
public final class ZipEntryNames {

    /** The most UTF-8 bytes an entry name may have; the ZIP layout reserves room for this many. */
    public static final int MAX_BYTES = 255;
    private static final String FALLBACK = "file";

    private final Set<String> files = new HashSet<>();
    private final Set<String> folders = new HashSet<>();

    /** The entry name for the next file called {@code offered} by the peer; never one given before. */
    public String add(String offered) {
        List<String> path = safeComponents(offered);
        String name = unique(path);
        String key = key(name);
        files.add(key);
        for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
            folders.add(key.substring(0, i));
        }
        return name;
    }

    static List<String> safeComponents(String offered) {
        List<String> out = new ArrayList<>();
        for (String part : offered.split("[\u0001/\\\\]")) {
            if (part.replace(".", "").isBlank()) {
                continue; // "", ".", "..", "..." and blanks would be absolute, "here" or "parent"
            }
            out.add(SafeFileName.of(part).value());
        }
        if (out.isEmpty()) {
            out.add(FALLBACK);
        }
        return out;
    }

    private String unique(List<String> components) {
        List<String> path = new ArrayList<>(components);
        if (clashesWithAFile(path.subList(0, path.size() - 1))) {
            path = new ArrayList<>(List.of(path.get(path.size() - 1))); // a folder named like a file: flatten
        }
        String base = path.remove(path.size() - 1);
        for (int n = 1; ; n++) {
            String candidate = fit(path, base, n == 1 ? "" : " (" + n + ")");
            String key = key(candidate);
            if (!files.contains(key) && !folders.contains(key)) {
                return candidate;
            }
        }
    }

    private boolean clashesWithAFile(List<String> folderPath) {
        StringBuilder prefix = new StringBuilder();
        for (String folder : folderPath) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(folder);
            if (files.contains(key(prefix.toString()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code folders/stem+suffix.ext} within {@link #MAX_BYTES}: drops leading folders, then cuts the stem. */
    private static String fit(List<String> folders, String fileName, String suffix) {
        SafeFileName name = SafeFileName.of(fileName);
        String ext = name.extension().isEmpty() ? "" : fileName.substring(fileName.length() - name.extension().length() - 1);
        String withSuffix = fileName.substring(0, fileName.length() - ext.length()) + suffix + ext;
        List<String> dirs = new ArrayList<>(folders);
        while (true) {
            String joined = String.join("/", dirs);
            String candidate = joined.isEmpty() ? withSuffix : joined + "/" + withSuffix;
            if (bytes(candidate) <= MAX_BYTES) {
                return candidate;
            }
            if (dirs.isEmpty()) {
                break;
            }
            dirs.remove(0);
        }
        // the file name alone is too long: cut its stem (a percent-encoded length bounds the UTF-8 length)
        int room = MAX_BYTES - bytes(suffix);
        SafeFileName cut = SafeFileName.of(fileName).fittingEncodedLength(room);
        String value = cut.value();
        String cutExt = cut.extension().isEmpty() ? "" : value.substring(value.length() - cut.extension().length() - 1);
        return value.substring(0, value.length() - cutExt.length()) + suffix + cutExt;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
