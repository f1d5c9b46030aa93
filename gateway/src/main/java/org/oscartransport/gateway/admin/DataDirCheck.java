package org.oscartransport.gateway.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import org.oscartransport.gateway.config.TransportConfig;

/** {@code data.dir} is (or can be created as) a writable directory: the embedded store and spool live there. */
final class DataDirCheck {
    private static final String AREA = "data";

    private DataDirCheck() {}

    static void run(TransportConfig config, CheckReport report) {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            if (Files.isWritable(dir)) {
                report.ok(AREA, dir + " is writable");
            } else {
                report.fail(AREA, dir + " is not writable by this user (check data.dir and its owner)");
            }
            return;
        }
        if (Files.exists(dir)) {
            report.fail(AREA, dir + " is not a directory (check data.dir)");
            return;
        }
        Path parent = dir.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            report.ok(AREA, dir + " does not exist yet; it will be created");
        } else {
            report.fail(AREA, dir + " does not exist and cannot be created here (check data.dir)");
        }
    }
}
