package org.oscartransport.gateway.transfer;

import java.net.URI;
import java.util.Optional;

/**
 * A file a Jabber user shared by URL in a message, as {@link FileShareParser} found it.
 *
 * @param url where to fetch it (http or https)
 * @param name the name the client gave, if any (else the URL's last segment is used)
 * @param size the size the client gave, or -1
 * @param text words that came with the file (Psi's description), to send to the contact as an IM; empty if none
 */
public record SharedFile(URI url, Optional<String> name, long size, String text) {}
