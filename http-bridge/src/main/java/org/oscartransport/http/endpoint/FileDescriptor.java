package org.oscartransport.http.endpoint;

/** What a download endpoint serves: the file's name as offered (unsanitised) and its exact size. */
public record FileDescriptor(String fileName, long size) {
    public FileDescriptor {
        if (fileName == null) throw new IllegalArgumentException("fileName is null");
        if (size < 0) throw new IllegalArgumentException("size < 0");
    }
}
