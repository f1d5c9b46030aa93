package org.oscartransport.gateway.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.time.Instant;
import org.oscartransport.http.zip.StreamedZip;
import org.oscartransport.oscar.oft.OftDataSink;

/**
 * Turns the files of a several-file OFT session into the bytes of one ZIP download, as they arrive: the
 * downstream sink sees a single stream whose length is the {@link StreamedZip#length} promised in the offer.
 * Files that disagree with the offer's count or total are refused when their PROMPT comes (the transfer then
 * fails before a wrong byte is written), so the download is cut short instead of getting a wrong length.
 */
final class ZippingSink implements OftDataSink {

    private final OftDataSink downstream;
    private final StreamedZip zip;
    private ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    ZippingSink(OftDataSink downstream, int fileCount, long totalSize, Instant modified) {
        this.downstream = downstream;
        this.zip = new StreamedZip(fileCount, totalSize, modified);
    }

    /** As the download it feeds decides. */
    @Override
    public boolean wantsChecksum() {
        return downstream.wantsChecksum();
    }

    @Override
    public void onStart(Channel dataChannel, long size) {
        alloc = dataChannel.alloc();
        downstream.onStart(dataChannel, zip.length());
    }

    @Override
    public void onFileStart(String name, long size) {
        downstream.onData(zip.startEntry(name, size, alloc)); // throws if the file breaks the announcement
    }

    @Override
    public void onData(ByteBuf data) {
        downstream.onData(zip.data(data, alloc));
    }

    @Override
    public void onReadBatchComplete() {
        downstream.onReadBatchComplete();
    }

    @Override
    public void onFileEnd() {
        downstream.onData(zip.endEntry(alloc));
    }

    @Override
    public void onComplete() {
        ByteBuf end;
        try {
            end = zip.finish(alloc);
        } catch (RuntimeException e) {
            downstream.onFailure(e);
            return;
        }
        downstream.onData(end);
        downstream.onComplete();
    }

    @Override
    public void onFailure(Throwable cause) {
        downstream.onFailure(cause);
    }
}
