package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.Message;

/**
 * Recognises the ways today's clients send a file after an HTTP upload (clients.md §4.10):
 * <ul>
 *   <li>{@code jabber:x:oob} with the URL as body (Conversations, Gajim, Monal, Converse.js, Dino's second
 *       message);</li>
 *   <li>SIMS (XEP-0385), with the body "description URL" and no OOB (Psi, Movim);</li>
 *   <li>SFS (XEP-0447) with its sources inside {@code <file-sharing>}: the name and size come from the file
 *       metadata;</li>
 *   <li>Dino's first, metadata-only SFS announcement, which carries no URL: it is dropped, with any body marked
 *       as its fallback (XEP-0428), while a caption still goes as text. The URL follows in a second message,
 *       {@code <attach-to>} the first, with body = URL, {@code jabber:x:oob} and SFS {@code <sources>}.</li>
 * </ul>
 * A body that is only a URL, with none of these, stays text: clients mark their files (clients.md §4.10).
 */
public final class FileShareParser {

    /** What a message to a contact turned out to be. */
    public sealed interface Kind permits File, Text, Nothing {}

    public record File(SharedFile file) implements Kind {}

    public record Text(String body) implements Kind {}

    public record Nothing() implements Kind {}

    private static final String OOB = "jabber:x:oob";
    private static final String REFERENCE = "urn:xmpp:reference:0";
    private static final String SIMS = "urn:xmpp:sims:1";
    private static final String SFS = "urn:xmpp:sfs:0";
    private static final String JINGLE_FILE = "urn:xmpp:jingle:apps:file-transfer:5";
    private static final String FILE_METADATA = "urn:xmpp:file:metadata:0";
    private static final String URL_DATA = "http://jabber.org/protocol/url-data";
    private static final String FALLBACK = "urn:xmpp:fallback:0";

    private FileShareParser() {}

    public static Kind parse(Message message) {
        String body = message.getBody() == null ? "" : message.getBody().trim();
        // The styles that carry a name and size go first: the same message often holds an OOB URL as well.
        Optional<SharedFile> shared = sfs(message, body)
                .or(() -> sims(message, body))
                .or(() -> oobUrl(message).map(url -> new SharedFile(url, Optional.empty(), -1, textBesides(body, url))))
                .or(() -> attachedSources(message, body));
        if (shared.isPresent()) {
            return new File(shared.get());
        }
        if (message.getChildElement("file-sharing", SFS) != null && (body.isEmpty() || isSfsFallback(message))) {
            return new Nothing(); // an announcement: its file comes in a later message; a caption is still text
        }
        return body.isEmpty() ? new Nothing() : new Text(message.getBody());
    }

    /** {@code <file-sharing>} with its own {@code <sources>}: a whole SFS share in one message. */
    private static Optional<SharedFile> sfs(Message message, String body) {
        for (Element sharing : message.getElement().elements(QName.get("file-sharing", Namespace.get(SFS)))) {
            Optional<URI> url = urlData(sharing.element(QName.get("sources", Namespace.get(SFS))));
            if (url.isPresent()) {
                Element file = sharing.element(QName.get("file", Namespace.get(FILE_METADATA)));
                return Optional.of(new SharedFile(url.get(), name(file), size(file), sfsText(message, body, url.get())));
            }
        }
        return Optional.empty();
    }

    /** Sources attached to an earlier announcement (Dino's second message), when it has no OOB URL. */
    private static Optional<SharedFile> attachedSources(Message message, String body) {
        return urlData(message.getChildElement("sources", SFS))
                .map(url -> new SharedFile(url, Optional.empty(), -1, sfsText(message, body, url)));
    }

    private static Optional<URI> urlData(Element sources) {
        if (sources == null) {
            return Optional.empty();
        }
        for (Element source : sources.elements(QName.get("url-data", Namespace.get(URL_DATA)))) {
            Optional<URI> uri = httpUri(source.attributeValue("target"));
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }

    /** A body marked as the fallback for SFS only describes the file for older clients: no words of the user. */
    private static String sfsText(Message message, String body, URI url) {
        return isSfsFallback(message) ? "" : textBesides(body, url);
    }

    private static boolean isSfsFallback(Message message) {
        return message.getElement().elements(QName.get("fallback", Namespace.get(FALLBACK))).stream()
                .anyMatch(fallback -> SFS.equals(fallback.attributeValue("for")));
    }

    private static Optional<URI> oobUrl(Message message) {
        Element x = message.getChildElement("x", OOB);
        return x == null ? Optional.empty() : httpUri(x.elementTextTrim("url"));
    }

    private static Optional<SharedFile> sims(Message message, String body) {
        List<Element> references = message.getElement().elements(QName.get("reference", Namespace.get(REFERENCE)));
        for (Element reference : references) {
            Element sharing = reference.element(QName.get("media-sharing", Namespace.get(SIMS)));
            if (sharing == null) {
                continue;
            }
            Element file = sharing.element(QName.get("file", Namespace.get(JINGLE_FILE)));
            Element sources = sharing.element(QName.get("sources", Namespace.get(SIMS)));
            if (sources == null) {
                continue;
            }
            for (Element source : sources.elements()) {
                Optional<URI> uri = httpUri(source.attributeValue("uri"));
                if (uri.isPresent()) {
                    return Optional.of(new SharedFile(uri.get(), name(file), size(file), textBesides(body, uri.get())));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> name(Element file) {
        return file == null ? Optional.empty()
                : Optional.ofNullable(file.elementTextTrim("name")).filter(n -> !n.isEmpty());
    }

    private static long size(Element file) {
        return file == null ? -1 : parseSize(file.elementTextTrim("size"));
    }

    /** The body without the URL, when a client sent words along with the file. */
    private static String textBesides(String body, URI url) {
        return body.replace(url.toString(), "").trim();
    }

    private static Optional<URI> httpUri(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static long parseSize(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
