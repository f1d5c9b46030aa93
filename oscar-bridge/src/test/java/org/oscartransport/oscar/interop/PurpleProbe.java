package org.oscartransport.oscar.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code purple-icq-probe} (interop/libpurple): libpurple 2.14.1's ICQ plugin as a child process,
 * signed on to our emulator, printing one line per event. Lines are collected as they come; a test waits for
 * the event it expects and, when it fails, sees everything the probe printed (stdout and stderr).
 */
final class PurpleProbe implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private PurpleProbe(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(process.getInputStream(), true), "probe-stdout");
        Thread err = new Thread(() -> pump(process.getErrorStream(), false), "probe-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Starts the probe as {@code uin} against {@code server}; {@code action} is the action's arguments. */
    static PurpleProbe start(Path binary, InetSocketAddress server, String uin, int timeoutSeconds,
            List<String> action) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(),
                "--uin", uin, "--password", "pw-" + uin,
                "--server", server.getAddress().getHostAddress(), "--port", String.valueOf(server.getPort()),
                "--timeout", String.valueOf(timeoutSeconds)));
        if (Boolean.getBoolean("interop.debug")) {
            cmd.add("--debug");
        }
        cmd.addAll(action);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // No session bus for libpurple's D-Bus support to find (or autolaunch) on a headless test machine.
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
        return new PurpleProbe(pb.start());
    }

    private void pump(InputStream in, boolean isStdout) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (isStdout) {
                    synchronized (transcript) {
                        transcript.add(line);
                    }
                    lines.add(line);
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process went away; EOF below says so
        } finally {
            if (isStdout) {
                lines.add(EOF);
            }
        }
    }

    /** Waits for the next line starting with {@code event} (a word such as SIGNED_ON), skipping others. */
    String await(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("libpurple printed no " + event + " within " + timeout + "\n" + report());
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError("libpurple ended without " + event + "\n" + report());
            }
            if (line.equals(event) || line.startsWith(event + " ")) {
                return line;
            }
            if (line.startsWith("ERROR ") || line.startsWith("XFER_FAILED") || line.startsWith("IM_ERROR")
                    || line.equals("TIMEOUT")) {
                throw new AssertionError("libpurple reported " + line + " while waiting for " + event + "\n"
                        + report());
            }
        }
    }

    /** Sends one command line to a probe started with {@code --commands}. */
    void send(String command) throws IOException {
        java.io.OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for a line exactly equal to {@code line}, skipping other lines (also other lines of its event). */
    String awaitExactly(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String event = line.split(" ", 2)[0];
        while (true) {
            long left = deadline - System.nanoTime();
            String got = await(event, Duration.ofNanos(Math.max(1, left)));
            if (got.equals(line)) {
                return got;
            }
        }
    }

    /** Waits for the probe to exit and returns its status. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("libpurple did not exit within " + timeout + "\n" + report());
        }
        return process.exitValue();
    }

    /** Everything printed so far, for failure messages. */
    String report() {
        String out;
        synchronized (transcript) {
            out = String.join("\n", transcript);
        }
        String err = stderr.toString();
        if (err.length() > 20_000) {
            err = "…" + err.substring(err.length() - 20_000);
        }
        return "--- probe stdout ---\n" + out + "\n--- probe stderr ---\n" + err;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
