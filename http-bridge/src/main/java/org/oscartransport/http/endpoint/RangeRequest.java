package org.oscartransport.http.endpoint;

/**
 * What a request's {@code Range} header asks of a file of known size (RFC 9110 §14). Only a single byte range is
 * served; a multi-range request, a malformed header, or any {@code If-Range} (we give no validators, so it
 * cannot match) gets the whole file, which the RFC allows.
 */
final class RangeRequest {

    enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    private static final String UNIT = "bytes=";

    final Kind kind;
    /** First byte served. */
    final long start;
    /** One past the last byte served. */
    final long end;

    private RangeRequest(Kind kind, long start, long end) {
        this.kind = kind;
        this.start = start;
        this.end = end;
    }

    static RangeRequest of(String range, String ifRange, long size) {
        RangeRequest whole = new RangeRequest(Kind.WHOLE, 0, size);
        if (range == null || ifRange != null) return whole;
        String spec = range.trim();
        if (!spec.regionMatches(true, 0, UNIT, 0, UNIT.length())) return whole;
        spec = spec.substring(UNIT.length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) return whole;
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (!digits(first) && !digits(last)) return whole;
        if (first.isEmpty()) {
            if (!digits(last)) return whole;
            long suffix = number(last);
            if (suffix == 0 || size == 0) return unsatisfiable();
            return new RangeRequest(Kind.PARTIAL, Math.max(0, size - suffix), size);
        }
        if (!digits(first) || (!last.isEmpty() && !digits(last))) return whole;
        long from = number(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (to < from) return whole; // invalid: ignored, not refused
        if (from >= size) return unsatisfiable();
        return new RangeRequest(Kind.PARTIAL, from, to >= size - 1 ? size : to + 1);
    }

    long length() {
        return end - start;
    }

    /** {@code bytes START-LAST/SIZE} for a 206. */
    String contentRange(long size) {
        return "bytes " + start + "-" + (end - 1) + "/" + size;
    }

    private static RangeRequest unsatisfiable() {
        return new RangeRequest(Kind.UNSATISFIABLE, 0, 0);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** Numbers too large for a long are simply beyond any file. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
