package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oscartransport.http.zip.StreamedZip;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.session.IncomingFileOffer;

class InboundDownloadTest {

    private static IncomingFileOffer offer(String name, int count, long size, boolean folder) {
        IncomingFileOffer offer = mock(IncomingFileOffer.class);
        when(offer.fileName()).thenReturn(name);
        when(offer.fileCount()).thenReturn(count);
        when(offer.size()).thenReturn(size);
        when(offer.isFolder()).thenReturn(folder);
        return offer;
    }

    @Test
    void aSingleFileIsServedAsItself() {
        OftDataSink sink = mock(OftDataSink.class);
        InboundDownload download = InboundDownload.of(offer("a.pdf", 1, 10, false), Instant.now());
        assertThat(download.fileName()).isEqualTo("a.pdf");
        assertThat(download.size()).isEqualTo(10);
        assertThat(download.framing().apply(sink)).isSameAs(sink);
        assertThat(InboundDownload.servable(offer("big.iso", 1, 0xFFFF_FFFFL, false))).isTrue();
    }

    @Test
    void severalFilesOrAFolderAreOneZipNamedAfterTheFolder() {
        InboundDownload several = InboundDownload.of(offer("holiday", 3, 1000, true), Instant.now());
        assertThat(several.fileName()).isEqualTo("holiday.zip");
        assertThat(several.size()).isEqualTo(StreamedZip.length(3, 1000));
        assertThat(several.framing().apply(mock(OftDataSink.class))).isInstanceOf(ZippingSink.class);

        InboundDownload folderOfOne = InboundDownload.of(offer("docs\\*", 1, 5, true), Instant.now());
        assertThat(folderOfOne.fileName()).isEqualTo("docs.zip");
        assertThat(folderOfOne.size()).isEqualTo(StreamedZip.length(1, 5));
        assertThat(InboundDownload.zipName("  ")).isEqualTo("files.zip");
    }

    @Test
    void severalFilesOf4GiBTogetherAreNotServable() {
        assertThat(InboundDownload.servable(offer("huge", 2, 0xFFFF_FFFFL, true))).isFalse();
        assertThat(InboundDownload.servable(offer("fine", 2, 0xF000_0000L, true))).isTrue();
    }
}
