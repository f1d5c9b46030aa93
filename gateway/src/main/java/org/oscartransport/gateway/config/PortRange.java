package org.oscartransport.gateway.config;

/** An inclusive range of TCP ports, e.g. the ports per-transfer HTTP endpoints may bind. */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1 || first > last || last > 65535) {
            throw new IllegalArgumentException("bad port range " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
