package org.oscartransport.gateway.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Readings of this JVM process (CPU, heap, direct buffers, RSS) and of other processes' CPU from /proc. */
final class ProcessMeters {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux the JDK runs on

    private ProcessMeters() {}

    /** CPU time of the whole JVM process, every thread (GC and JIT included), in nanoseconds. */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Heap in use after two full collections: what live objects take. */
    static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Direct memory Netty's default allocator has handed out (pooled buffers in use), or -1 if unknown. */
    static long nettyDirectBytes() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? p.metric().usedDirectMemory() : -1;
    }

    /** Resident set size of this process (VmRSS), or -1 off Linux. */
    static long rssBytes() {
        return statusKib(Path.of("/proc/self/status"), "VmRSS:") * 1024;
    }

    /**
     * CPU (user + system) of another process and of the children it has waited for, from /proc/PID/stat, in
     * nanoseconds; -1 if the process is gone.
     */
    static long processTreeCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" that closes the command name: state is field 3, utime 14 ... cstime 17
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether a process has live children (their CPU is not yet in its cutime/cstime). */
    static boolean hasChildren(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (!Files.readString(task.resolve("children")).isBlank()) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusKib(Path status, String key) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no such field
        }
        return -1;
    }
}
