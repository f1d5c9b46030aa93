/**
 * OFT2, the byte protocol of an OSCAR file transfer (oscar.md §8), on a data connection that is already up.
 *
 * <p>How the connection was made (direct, reverse, through the rendezvous proxy) is someone else's business:
 * once the socket is connected and any proxy handshake is done and its handlers removed, add
 * {@link org.oscartransport.oscar.oft.OftReceiveHandler}, {@link org.oscartransport.oscar.oft.OftSendHandler} or
 * {@link org.oscartransport.oscar.oft.OftFilesSendHandler} as the last handler. Each handles exactly one OFT
 * session (one file, or for the receiver and the files sender several, §8.7) and closes the channel at the end.
 *
 * <ul>
 *   <li>{@link org.oscartransport.oscar.oft.OftHeader} / {@link org.oscartransport.oscar.oft.OftHeaderCodec}:
 *       the 256-byte (or longer) header and its wire form.</li>
 *   <li>{@link org.oscartransport.oscar.oft.OftChecksum}: libpurple's file checksum, incremental.</li>
 *   <li>{@link org.oscartransport.oscar.oft.OftReceiveHandler}: per file PROMPT → ACK → bytes into an
 *       {@link org.oscartransport.oscar.oft.OftDataSink} → DONE, as many files as the proposal announced.</li>
 *   <li>{@link org.oscartransport.oscar.oft.OftSendHandler}: PROMPT → ACK (or RESUME) → file → DONE.</li>
 *   <li>{@link org.oscartransport.oscar.oft.OftFilesSendHandler}: the same for several local files in turn.</li>
 * </ul>
 *
 * <p>Threading: everything runs on the channel's event loop; nothing here blocks it, except
 * {@link org.oscartransport.oscar.oft.OftChecksum#of(java.nio.file.Path)}, which callers run elsewhere.
 */
package org.oscartransport.oscar.oft;
