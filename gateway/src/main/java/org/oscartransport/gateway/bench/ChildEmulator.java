package org.oscartransport.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OSCAR emulator in a JVM of its own ({@code Main emulator --open} from this class path), so that what this
 * JVM holds per session is the client side only, and the emulator's sockets do not count against this
 * process's file descriptor limit.
 */
final class ChildEmulator implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)\\s*$");

    private final Process process;
    private final InetSocketAddress address;

    private ChildEmulator(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static ChildEmulator start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", classPath(), "-Doscar.log.level=WARN",
                "org.oscartransport.gateway.cli.Main", "emulator", "--listen", "127.0.0.1:0", "--open",
                        // as a real server: with every session's list empty, presence to all would grow as n²
                        "--listed-presence-only")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(err), "bench-emulator-log");
                drain.setDaemon(true);
                drain.start();
                return new ChildEmulator(process, new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))));
            }
            said.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IOException("the child emulator exited before it listened:\n" + said);
    }

    /** This JVM's class path; under Surefire the test class path, which the booter jar only points to. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // warnings only; nothing to keep
            }
        } catch (IOException e) {
            // the child ended
        }
    }
}
