package org.oscartransport.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference relay: {@code socat TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork TCP:127.0.0.1:TARGET} with its
 * default buffers. With {@code fork} each connection is relayed by a child; once the children are reaped their
 * CPU shows in the parent's cutime/cstime, so {@link #cpuNanos()} is socat's whole process tree.
 */
final class SocatRelay implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)\\s*$");

    private final Process process;
    private final int port;

    private SocatRelay(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @throws IllegalStateException with a clear message when socat is not installed */
    static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // not on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("bench needs socat as its reference relay, and 'socat' is not on the PATH."
                + " Install it (Debian/Ubuntu: apt-get install socat) and run bench again.");
    }

    static SocatRelay start(int targetPort) throws IOException {
        Process process = new ProcessBuilder("socat", "-d", "-d",
                "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork,backlog=1024", "TCP:127.0.0.1:" + targetPort)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(log), "bench-socat-log");
                drain.setDaemon(true);
                drain.start();
                return new SocatRelay(process, Integer.parseInt(m.group(1)));
            }
        }
        process.destroyForcibly();
        throw new IOException("socat exited before it listened (exit " + process.exitValue() + ")");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** socat's CPU so far, itself and its reaped children; call {@link #awaitChildrenReaped} first. */
    long cpuNanos() {
        return ProcessMeters.processTreeCpuNanos(process.pid());
    }

    /** Waits until every forked relay has exited and been waited for (their CPU is then counted). */
    void awaitChildrenReaped(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (ProcessMeters.hasChildren(process.pid()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(20); // the SIGCHLD handler's waitpid runs right after the child is gone
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader log) {
        try {
            while (log.readLine() != null) {
                // socat -d -d notes each connection; nothing to keep
            }
        } catch (IOException e) {
            // socat ended
        }
    }
}
