package org.oscartransport.http.zip;

/**
 * The files that arrive do not match what was announced (count or total size), so the ZIP whose exact length
 * was promised cannot be produced: the download must be cut short rather than given a wrong length.
 */
public final class ZipContentMismatchException extends RuntimeException {

    public ZipContentMismatchException(String message) {
        super(message);
    }
}
