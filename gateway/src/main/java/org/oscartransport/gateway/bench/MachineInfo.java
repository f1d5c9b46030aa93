package org.oscartransport.gateway.bench;

import io.netty.util.Version;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** What the numbers were taken on. */
final class MachineInfo {

    private MachineInfo() {}

    static void describe(Report report) {
        report.section("Machine");
        report.line("cores (nproc)     %d", Runtime.getRuntime().availableProcessors());
        report.line("cpu               %s", procValue("/proc/cpuinfo", "model name"));
        report.line("ram               %s", procValue("/proc/meminfo", "MemTotal"));
        report.line("kernel            %s", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.line("jdk               %s %s", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        report.line("jvm heap max      %s; gc: %s", Report.mib(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")));
        report.line("netty             %s, %s transport (as Transport.start wires it)", nettyVersion(),
                org.oscartransport.gateway.io.NettyIo.best().name());
        report.line("load average      %.2f at start (other work on this machine makes absolute figures noisy;"
                + " compare ratios taken side by side)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String nettyVersion() {
        // a shaded jar keeps one module's entry of io.netty.versions.properties: any module tells the release
        return Version.identify().values().stream().map(Version::artifactVersion).findFirst().orElse("unknown");
    }

    private static String procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
