package org.oscartransport.http.naming;

/**
 * RFC 6266 {@code Content-Disposition}: an ASCII {@code filename} for old clients, then {@code filename*} in
 * UTF-8 (RFC 8187), which every current client prefers.
 */
public final class ContentDisposition {

    private ContentDisposition() {}

    public static String header(boolean inline, SafeFileName name) {
        return (inline ? "inline" : "attachment")
                + "; filename=\"" + asciiFallback(name.value()) + "\""
                + "; filename*=UTF-8''" + name.encoded();
    }

    /** Printable ASCII only; '%' too is replaced, as some agents would percent-decode the plain parameter. */
    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F && cp != '%' && cp != '"'
                && cp != '\\' ? (char) cp : '_'));
        return out.toString();
    }
}
