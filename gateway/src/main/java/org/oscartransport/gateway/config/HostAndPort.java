package org.oscartransport.gateway.config;

/** A listen or connect address given as {@code host:port}; IPv6 literals as {@code [::1]:5190}. */
public record HostAndPort(String host, int port) {

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
