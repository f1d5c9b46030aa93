package org.oscartransport.oscar.emulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Command line: {@code --listen HOST:PORT (--open | --accounts FILE) [--require-auth UIN,...] [--proxy HOST:PORT]
 * [--listed-presence-only]}; runs in the foreground until killed. {@code --proxy} also runs the rendezvous proxy (ARS) there; libpurple joins
 * proxies on 5190 only. {@code --require-auth} marks accounts whose authorization others must ask for (also
 * possible in the accounts file as {@code UIN:auth password}). {@code --listed-presence-only} tells users only about
 * buddies on their stored list, as real servers did (by default a user with an empty list sees everyone).
 */
public final class EmulatorCommand {

    static final String USAGE = "usage: emulator --listen HOST:PORT (--open | --accounts FILE)"
            + " [--require-auth UIN,...] [--proxy HOST:PORT] [--listed-presence-only]";

    /** Parsed options. */
    record Options(InetSocketAddress listen, boolean open, Path accountsFile, InetSocketAddress proxy,
            Set<String> requireAuth, boolean listedPresenceOnly) {}

    private EmulatorCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the emulator until the JVM is told to stop. Returns the process exit code (2 = bad arguments). */
    public static int run(String[] args) {
        return run(args, System.err);
    }

    static int run(String[] args, PrintStream err) {
        Options options;
        Accounts accounts;
        try {
            options = parse(args);
            accounts = (options.open() ? Accounts.open() : Accounts.fromFile(options.accountsFile()))
                    .requiringAuthorization(options.requireAuth());
        } catch (IllegalArgumentException | IOException e) {
            err.println("emulator: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            OscarEmulator emulator = OscarEmulator.start(group, options.listen(), accounts);
            emulator.options().presenceToListersOnly(options.listedPresenceOnly());
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
            InetSocketAddress bound = emulator.address();
            err.println("emulator: listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
            if (options.proxy() != null) {
                RendezvousProxyEmulator proxy = RendezvousProxyEmulator.start(group, options.proxy());
                Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "proxy-shutdown"));
                InetSocketAddress at = proxy.address();
                err.println("emulator: proxy on " + at.getAddress().getHostAddress() + ":" + at.getPort());
            }
            emulator.closeFuture().syncUninterruptibly();
            return 0;
        } catch (RuntimeException e) {
            err.println("emulator: cannot listen on " + options.listen() + ": " + e.getMessage());
            return 1;
        } finally {
            group.shutdownGracefully();
        }
    }

    static Options parse(String[] args) {
        InetSocketAddress listen = null;
        boolean open = false;
        Path accounts = null;
        InetSocketAddress proxy = null;
        Set<String> requireAuth = new LinkedHashSet<>();
        boolean listedPresenceOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = hostPort(value(args, ++i, "--listen"));
                case "--open" -> open = true;
                case "--accounts" -> accounts = Path.of(value(args, ++i, "--accounts"));
                case "--proxy" -> proxy = hostPort(value(args, ++i, "--proxy"));
                case "--require-auth" -> requireAuth.addAll(uins(value(args, ++i, "--require-auth")));
                case "--listed-presence-only" -> listedPresenceOnly = true;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (listen == null) {
            throw new IllegalArgumentException("--listen HOST:PORT is required");
        }
        if (open == (accounts != null)) {
            throw new IllegalArgumentException("give exactly one of --open and --accounts FILE");
        }
        return new Options(listen, open, accounts, proxy, Set.copyOf(requireAuth), listedPresenceOnly);
    }

    private static Set<String> uins(String list) {
        Set<String> uins = new LinkedHashSet<>();
        for (String uin : list.split(",")) {
            if (!uin.strip().matches("[0-9]{1,10}")) {
                throw new IllegalArgumentException("--require-auth expects numeric UINs separated by commas, got '"
                        + list + "'");
            }
            uins.add(uin.strip());
        }
        return uins;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + s + "'");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range in '" + s + "'");
        }
        return new InetSocketAddress(host, port);
    }
}
