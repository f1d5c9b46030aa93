package org.oscartransport.gateway.admin;

/** The outcome of one check step, printed as one line: {@code ok   xmpp: ...} or {@code FAIL xmpp: ...}. */
record Verdict(boolean ok, String area, String text) {

    static Verdict ok(String area, String text) {
        return new Verdict(true, area, text);
    }

    static Verdict fail(String area, String text) {
        return new Verdict(false, area, text);
    }

    String line() {
        return (ok ? "ok  " : "FAIL") + " " + area + ": " + text;
    }
}
