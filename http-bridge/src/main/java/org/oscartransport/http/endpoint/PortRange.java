package org.oscartransport.http.endpoint;

/** The ports per-transfer listeners may bind, both ends included. */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException(
                    "port range must satisfy 1 <= first <= last <= 65535, got " + first + "-" + last);
        }
    }

    /** Parses {@code "40000-40100"} or a single port {@code "40000"}. */
    public static PortRange parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int dash = trimmed.indexOf('-');
        try {
            if (dash < 0) {
                int port = Integer.parseInt(trimmed);
                return new PortRange(port, port);
            }
            return new PortRange(Integer.parseInt(trimmed.substring(0, dash).trim()),
                    Integer.parseInt(trimmed.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "port range must look like 40000-40100 (or one port), got '" + text + "'", e);
        }
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
