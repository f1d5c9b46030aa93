package org.oscartransport.gateway.admin;

import java.io.PrintStream;

/** Prints each verdict as soon as it is known (a slow step should not hide the ones before it). */
final class CheckReport {
    private final PrintStream out;
    private boolean failed;

    CheckReport(PrintStream out) {
        this.out = out;
    }

    /** Prints the verdict and returns whether it was ok, so a chain of steps can stop at the first failure. */
    boolean add(Verdict verdict) {
        out.println(verdict.line());
        out.flush();
        failed |= !verdict.ok();
        return verdict.ok();
    }

    boolean ok(String area, String text) {
        return add(Verdict.ok(area, text));
    }

    boolean fail(String area, String text) {
        return add(Verdict.fail(area, text));
    }

    boolean allOk() {
        return !failed;
    }
}
