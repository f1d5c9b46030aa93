package org.oscartransport.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file of the repository's {@code conf/} directory, read the way an admin copies it. */
record ConfSnippet(Path path, String text) {

    static ConfSnippet read(String name) {
        // Surefire runs with the module directory as working directory.
        Path path = Path.of("..", "conf", name).toAbsolutePath().normalize();
        try {
            return new ConfSnippet(path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first group of {@code regex}; fails the test when the snippet lacks it. */
    String find(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError(path + " has nothing matching " + regex);
        }
        return m.group(1);
    }
}
