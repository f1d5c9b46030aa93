package org.oscartransport.http.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}. Only IP literals are accepted, never host
 * names: parsing must not touch DNS.
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code "192.168.0.0/16"}, {@code "fe80::/10"}, or a single address ({@code "10.1.2.3"} means /32). */
    public static AddressRange parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String literal = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
        byte[] address = literalBytes(literal, cidr);
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
            }
        }
        return new AddressRange(masked(address, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange other && other.prefixLength == prefixLength
                && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes by construction
        }
    }

    private static byte[] literalBytes(String literal, String cidr) {
        String bare = literal.startsWith("[") && literal.endsWith("]")
                ? literal.substring(1, literal.length() - 1) : literal;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) throw new IllegalArgumentException("not an IP address range: '" + cidr + "'");
        try {
            byte[] bytes = InetAddress.getByName(bare).getAddress(); // a literal: no lookup happens
            // Java turns ::ffff:a.b.c.d into an IPv4 address; a range written in IPv6 stays IPv6.
            return ipv6 && bytes.length == 4 ? mappedToV6(bytes) : bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address range: '" + cidr + "'", e);
        }
    }

    private static byte[] mappedToV6(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
