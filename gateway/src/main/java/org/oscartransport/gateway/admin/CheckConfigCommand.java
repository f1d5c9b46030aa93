package org.oscartransport.gateway.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.oscartransport.gateway.config.ConfigException;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.TransportConfig;

/**
 * {@code check-config [--config FILE] [--KEY=VALUE ...]}: loads the config exactly as {@code run} does, then tries
 * every connection the transport will make and prints one verdict line per step. The secret is used for the
 * handshake and never printed.
 */
public final class CheckConfigCommand {
    public static final int ALL_OK = 0;
    public static final int PROBLEMS = 1;

    private CheckConfigCommand() {}

    /** Returns the process exit code: {@link #ALL_OK} or {@link #PROBLEMS}. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out) {
        CheckReport report = new CheckReport(out);
        TransportConfig config;
        try {
            config = ConfigLoader.withEnvironment(environment).load(args);
        } catch (ConfigException e) {
            report.fail("config", e.getMessage().replaceFirst("^config: ", ""));
            return PROBLEMS;
        }
        report.ok("config", "every key valid (transport " + config.xmppDomain() + ")");
        XmppComponentCheck.run(config, report);
        OscarServerCheck.run(config, report);
        HttpPortCheck.run(config, report);
        TlsCertificateCheck.run(config, report);
        DataDirCheck.run(config, report);
        out.println(report.allOk() ? "all checks passed" : "some checks failed: see the FAIL lines above");
        return report.allOk() ? ALL_OK : PROBLEMS;
    }
}
