package org.oscartransport.gateway.cli;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("usage: oscar-transport (run|emulator) ...");
        System.exit(2);
    }
}
