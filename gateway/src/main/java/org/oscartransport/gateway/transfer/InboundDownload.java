package org.oscartransport.gateway.transfer;

import java.time.Instant;
import java.util.function.UnaryOperator;
import org.oscartransport.http.zip.StreamedZip;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;

/**
 * What a contact's offer becomes for the Jabber user: one file is served as itself; several files or a folder
 * (Miranda and QIP send folders so; a folder of one file too, since its PROMPT names it inside the folder) are
 * served as one ZIP, streamed as they arrive, named after the offer's folder.
 *
 * @param fileName the download's name as offered (sanitised by the endpoint)
 * @param size the download's exact length
 * @param framing wraps the sink the download's bytes go to (identity for a single file)
 */
record InboundDownload(String fileName, long size, UnaryOperator<OftDataSink> framing) {

    static final String TOO_LARGE_FOR_ZIP = "several files of 4 GiB or more together cannot be served as one"
            + " download; please send them in smaller groups";

    /** Whether the offer can be served at all: several files must fit a ZIP without Zip64. */
    static boolean servable(IncomingFileOffer offer) {
        return !zipped(offer) || StreamedZip.fits(offer.fileCount(), offer.size());
    }

    private static boolean zipped(IncomingFileOffer offer) {
        return offer.fileCount() > 1 || offer.isFolder() && offer.fileCount() == 1;
    }

    /** @param now the modification time the ZIP's entries get (the peer sends none we could trust) */
    static InboundDownload of(IncomingFileOffer offer, Instant now) {
        if (!zipped(offer)) {
            return new InboundDownload(offer.fileName(), offer.size(), UnaryOperator.identity());
        }
        int count = offer.fileCount();
        long total = offer.size();
        return new InboundDownload(zipName(offer.fileName()), StreamedZip.length(count, total),
                sink -> new ZippingSink(sink, count, total, now));
    }

    /** The folder's name plus {@code .zip}; WinAIM's {@code folder\*} loses its wildcard (oscar.md §6.3). */
    static String zipName(String folderName) {
        String name = folderName.strip();
        if (name.endsWith("\\*") || name.endsWith("/*")) {
            name = name.substring(0, name.length() - 2);
        }
        name = name.replace('\u0001', '/');
        return (name.isBlank() ? "files" : name) + ".zip";
    }
}
