package org.oscartransport.gateway.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The transport logs every login and transfer at INFO; during timed runs only warnings may print. */
final class QuietLogs {

    private QuietLogs() {}

    static void warningsOnly() {
        if (LoggerFactory.getLogger("org.oscartransport") instanceof Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }
}
