package org.oscartransport.oscar;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

/**
 * Set-up shared by the fuzz test classes.
 *
 * <p>Silences the project's loggers while a fuzz test class runs: most fuzz inputs are rejected with a log line,
 * and printing a million of them would measure the console, not the decoder.
 *
 * <p>A fuzzing session ({@code JAZZER_FUZZ=1}) may also lower Netty's leak detection with
 * {@code FUZZ_LEAK_LEVEL=simple}: PARANOID records a stack trace on every buffer access, which makes the byte
 * parsers several times slower. SIMPLE still samples allocations, and the leak extension still fails the class at
 * the end; regression runs (plain {@code mvn test}) always stay at PARANOID.
 */
public final class QuietLogs {

    private static final Logger PROJECT = (Logger) LoggerFactory.getLogger("org.oscartransport");
    private static Level savedLevel;
    private static ResourceLeakDetector.Level savedLeakLevel;

    private QuietLogs() {}

    public static synchronized void on() {
        savedLevel = PROJECT.getLevel();
        PROJECT.setLevel(Level.OFF);
        savedLeakLevel = ResourceLeakDetector.getLevel();
        String leakLevel = System.getenv("FUZZ_LEAK_LEVEL");
        if (System.getenv("JAZZER_FUZZ") != null && leakLevel != null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.valueOf(leakLevel.trim().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    public static synchronized void off() {
        PROJECT.setLevel(savedLevel);
        ResourceLeakDetector.setLevel(savedLeakLevel);
    }
}
