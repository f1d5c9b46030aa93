package org.oscartransport.gateway.bench;

import java.util.Locale;

/** The text the bench prints: sections of lines, numbers in a fixed locale. */
final class Report {

    static final double MIB = 1024.0 * 1024;
    static final double GIB = MIB * 1024;

    private final StringBuilder text = new StringBuilder();

    Report section(String title) {
        text.append('\n').append("## ").append(title).append('\n');
        return this;
    }

    Report line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
        return this;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    /** A per-item RSS growth; RSS can also fall (heap returned to the OS), and a fall says nothing per item. */
    static String rssKib(double bytes) {
        return bytes < 0 ? "fell" : kib(bytes);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
