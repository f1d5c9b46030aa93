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
 *   <li>Dino's first, metadata-only SFS (XEP-0447) announcement, which carries no URL: it is neither a file
 *       nor text and is dropped.</li>
 * </ul>
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

    private FileShareParser() {}

    public static Kind parse(Message message) {
        String body = message.getBody() == null ? "" : message.getBody().trim();
        Optional<URI> oob = oobUrl(message);
        if (oob.isPresent()) {
            return new File(new SharedFile(oob.get(), Optional.empty(), -1, textBesides(body, oob.get())));
        }
        Optional<SharedFile> sims = sims(message, body);
        if (sims.isPresent()) {
            return new File(sims.get());
        }
        if (message.getChildElement("file-sharing", SFS) != null && body.isEmpty()) {
            return new Nothing();
        }
        return body.isEmpty() ? new Nothing() : new Text(message.getBody());
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
                    Optional<String> name = file == null ? Optional.empty()
                            : Optional.ofNullable(file.elementTextTrim("name")).filter(n -> !n.isEmpty());
                    long size = file == null ? -1 : parseSize(file.elementTextTrim("size"));
                    return Optional.of(new SharedFile(uri.get(), name, size, textBesides(body, uri.get())));
                }
            }
        }
        return Optional.empty();
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
