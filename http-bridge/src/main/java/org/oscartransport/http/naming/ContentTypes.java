package org.oscartransport.http.naming;

import java.util.Map;
import java.util.Set;

/**
 * Content-Type and disposition from the file's extension. Peer content must never run on our origin, so
 * anything a browser would execute or render as a document is served as an opaque attachment.
 */
public final class ContentTypes {

    public static final String OCTET_STREAM = "application/octet-stream";

    /** Types a browser may run script in (or that carry markup): never served under their own type. */
    private static final Set<String> ACTIVE = Set.of(
            "html", "htm", "shtml", "xhtml", "xht", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt",
            "js", "mjs", "css", "swf", "wasm", "rdf", "hta");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
            Map.entry("avif", "image/avif"), Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("ico", "image/x-icon"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"), Map.entry("amr", "audio/amr"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("mov", "video/quicktime"),
            Map.entry("avi", "video/x-msvideo"), Map.entry("3gp", "video/3gpp"), Map.entry("ogv", "video/ogg"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("rar", "application/vnd.rar"),
            Map.entry("tar", "application/x-tar"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"));

    /** How a file is served: its Content-Type, and whether a browser may show it in place. */
    public record Served(String contentType, boolean inline) {}

    private ContentTypes() {}

    /** @param extension lower case, without the dot; "" for none */
    public static Served forExtension(String extension) {
        if (ACTIVE.contains(extension)) return new Served(OCTET_STREAM, false);
        String type = TYPES.get(extension);
        if (type == null) return new Served(OCTET_STREAM, false);
        boolean media = type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
                || type.equals("text/plain");
        return new Served(type, media);
    }
}
