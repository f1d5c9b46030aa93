package org.oscartransport.gateway.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.admin.CheckConfigCommand;
import org.oscartransport.gateway.config.ConfigException;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.config.TransportConfig;
import org.oscartransport.oscar.emulator.EmulatorCommand;

/**
 * Entry point of {@code oscar-transport.jar}: {@code run} the transport, {@code check-config} before running it,
 * or run the OSCAR {@code emulator}.
 */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: java -jar oscar-transport.jar run [--config FILE] [--KEY=VALUE ...]",
            "       java -jar oscar-transport.jar check-config [--config FILE] [--KEY=VALUE ...]",
            "       java -jar oscar-transport.jar emulator --listen HOST:PORT (--open | --accounts FILE)",
            "Every configuration key (see conf/oscar-transport.conf) can be given as --KEY=VALUE or as the",
            "environment variable OSCAR_TRANSPORT_KEY (dots and dashes as underscores).");

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "run" -> run(rest);
            case "check-config" -> System.exit(CheckConfigCommand.run(List.of(rest), System.getenv(), System.out));
            case "emulator" -> System.exit(EmulatorCommand.run(rest));
            case "bench" -> System.exit(org.oscartransport.gateway.bench.BenchCommand.run(rest));
            case "help", "--help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void run(String[] args) throws Exception {
        TransportConfig config;
        try {
            config = ConfigLoader.withSystemEnvironment().load(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Transport transport;
        try {
            transport = Transport.start(config);
        } catch (org.xmpp.component.ComponentException | IllegalArgumentException e) {
            // IllegalArgumentException: e.g. TLS files that exist but hold no usable certificate or key
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            transport.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
