package org.oscartransport.http.endpoint;

/**
 * Where an endpoint's file bytes come from. The endpoint calls {@link #start} once, on the first GET, and
 * never again: HEAD never starts it.
 */
public interface DownloadSource {

    /**
     * Begin producing the file's bytes into {@code body}: exactly the size the endpoint announced, then
     * {@link ResponseBody#complete()}, or {@link ResponseBody#abort} on failure.
     */
    void start(ResponseBody body);

    /** The endpoint closed (expiry, shutdown, or the client went away) before the source completed. */
    default void cancel(String reason) {}
}
