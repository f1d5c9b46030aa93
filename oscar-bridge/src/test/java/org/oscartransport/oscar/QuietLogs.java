package org.oscartransport.oscar;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the project's loggers while a fuzz test class runs: most fuzz inputs are rejected with a log line,
 * and printing a million of them would measure the console, not the decoder.
 */
public final class QuietLogs {

    private static final Logger PROJECT = (Logger) LoggerFactory.getLogger("org.oscartransport");
    private static Level saved;

    private QuietLogs() {}

    public static synchronized void on() {
        saved = PROJECT.getLevel();
        PROJECT.setLevel(Level.OFF);
    }

    public static synchronized void off() {
        PROJECT.setLevel(saved);
    }
}
