package org.oscartransport.http.fetch;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * What {@link UrlFetcher#probe} learnt about a URL: where it finally led, the address that passed the policy
 * check (the body is fetched from there, never from a new lookup), and the file's size, type and name.
 *
 * @param finalUrl       the URL after redirects; a secret like the one the user sent: never log it whole
 * @param checkedAddress the address the probe connected to
 * @param size           the body's length in bytes, or -1 when the server did not say (chunked). An OFT
 *                       transfer cannot start without it: the size goes into the proposal
 * @param contentType    the server's Content-Type, {@code application/octet-stream} when it sent none
 * @param fileName       a safe file name: from Content-Disposition, else the URL's last path segment
 */
public record RemoteFile(URI finalUrl, InetSocketAddress checkedAddress, long size, String contentType,
        String fileName) {

    public RemoteFile {
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(checkedAddress, "checkedAddress");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fileName, "fileName");
        if (size < -1) throw new IllegalArgumentException("size must be -1 or more");
    }

    public boolean sizeKnown() {
        return size >= 0;
    }

    /** Neither path nor query: they may hold a token. */
    @Override
    public String toString() {
        return "RemoteFile[" + FetchTarget.originOf(finalUrl) + " at " + checkedAddress + ", " + size + " bytes, "
                + contentType + ", " + fileName + "]";
    }
}
