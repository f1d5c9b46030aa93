package org.oscartransport.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw strings into typed values. Each parser throws {@link ConfigException} naming the key, the
 * expected form and where the bad value came from.
 */
final class ValueParsers {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]]+):(\\d{1,5})");

    private ValueParsers() {}

    static String text(Setting s) {
        if (s.value().isEmpty()) {
            throw new ConfigException("'" + s.key() + "' must not be empty (from " + s.origin() + ")");
        }
        return s.value();
    }

    static String host(Setting s) {
        String value = text(s);
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
            throw s.invalid("must be a host name or IP address");
        }
        return value;
    }

    /** A path to a regular file this process can read now. */
    static java.nio.file.Path readableFile(Setting s) {
        java.nio.file.Path file = java.nio.file.Path.of(text(s));
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new ConfigException("'" + s.key() + "' '" + file + "' is not a file (from " + s.origin() + ")");
            }
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot read '" + s.key() + "' '" + file + "' (from " + s.origin() + "): "
                    + Problems.describe(e));
        }
        return file;
    }

    /** A byte count: a whole number with an optional binary unit k, m, g or t (e.g. 512m, 10g). */
    static long size(Setting s) {
        String value = text(s).toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})([kmgt]?)").matcher(value);
        if (!m.matches()) {
            throw s.invalid("must be a size such as 512m or 10g (units k, m, g, t; binary)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long number = Long.parseLong(m.group(1));
        if (number > (Long.MAX_VALUE >> shift)) {
            throw s.invalid("is too large");
        }
        return number << shift;
    }

    /** A 256-bit key written as base64. */
    static String key256(Setting s) {
        String value = text(s);
        try {
            if (java.util.Base64.getDecoder().decode(value).length == 32) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw s.invalid("must be base64 of 32 random bytes (e.g. head -c 32 /dev/urandom | base64)");
    }

    /** A comma-separated list of domains; empty means none. */
    static java.util.Set<String> hostList(Setting s) {
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        for (String part : s.value().split(",")) {
            String host = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
                throw s.invalid("must be a comma-separated list of domains");
            }
            hosts.add(host);
        }
        return java.util.Collections.unmodifiableSet(hosts);
    }

    /** A comma-separated list of bare JIDs (user@domain), lower-cased; empty means none. */
    static java.util.Set<String> bareJidList(Setting s) {
        java.util.Set<String> jids = new java.util.LinkedHashSet<>();
        for (String part : s.value().split(",")) {
            String jid = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (jid.isEmpty()) {
                continue;
            }
            int at = jid.indexOf('@');
            if (at <= 0 || at == jid.length() - 1 || jid.indexOf('/') >= 0
                    || jid.chars().anyMatch(Character::isWhitespace)) {
                throw s.invalid("must be a comma-separated list of bare JIDs (user@example.org)");
            }
            jids.add(jid);
        }
        return java.util.Collections.unmodifiableSet(jids);
    }

    /** A whole number of at least 1. */
    static int positiveInt(Setting s) {
        try {
            int value = Integer.parseInt(text(s));
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw s.invalid("must be a whole number of at least 1");
    }

    static int port(Setting s) {
        Integer port = portOrNull(s.value());
        if (port == null) {
            throw s.invalid("must be a port number 1-65535");
        }
        return port;
    }

    static boolean bool(Setting s) {
        switch (s.value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                throw s.invalid("must be true or false");
        }
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 7d} (and {@code 500ms}); a unit is required, zero is refused. */
    static Duration duration(Setting s) {
        Matcher m = DURATION.matcher(s.value());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw s.invalid("must be a positive duration like 30s, 10m, 1h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static String jdbcUrl(Setting s) {
        if (!s.value().startsWith("jdbc:")) {
            throw s.invalid("must be a JDBC URL starting with 'jdbc:'");
        }
        return s.value();
    }

    static PortRange portRange(Setting s) {
        Matcher m = PORT_RANGE.matcher(s.value());
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int last = Integer.parseInt(m.group(2));
            if (1 <= first && first <= last && last <= 65535) {
                return new PortRange(first, last);
            }
        }
        throw s.invalid("must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
    }

    static HostAndPort hostAndPort(Setting s) {
        Matcher m = HOST_PORT.matcher(s.value());
        Integer port = m.matches() ? portOrNull(m.group(2)) : null;
        if (port == null) {
            throw s.invalid("must be HOST:PORT with a port 1-65535");
        }
        String host = m.group(1);
        return new HostAndPort(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** HOST:PORT, or nothing when the value is empty (a listener the admin left off). */
    static java.util.Optional<HostAndPort> optionalHostAndPort(Setting s) {
        return s.value().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(hostAndPort(s));
    }

    /** An absolute http(s) URL without query, fragment or user info, or nothing when empty. */
    static java.util.Optional<java.net.URI> optionalPublicBase(Setting s) {
        if (s.value().isEmpty()) return java.util.Optional.empty();
        java.net.URI uri;
        try {
            uri = new java.net.URI(s.value());
        } catch (java.net.URISyntaxException e) {
            throw s.invalid("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw s.invalid("must be an http:// or https:// URL with a host, e.g. https://files.example.org/icq/");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw s.invalid("must have no query, fragment or user info");
        }
        return java.util.Optional.of(uri);
    }

    private static Integer portOrNull(String value) {
        if (!value.matches("\\d{1,5}")) {
            return null;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535 ? port : null;
    }
}
