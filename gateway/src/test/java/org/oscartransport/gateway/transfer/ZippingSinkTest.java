package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.oscartransport.http.zip.StreamedZip;
import org.oscartransport.http.zip.ZipContentMismatchException;
import org.oscartransport.oscar.oft.OftChecksum;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.oft.OftFrameType;
import org.oscartransport.oscar.oft.OftHeader;
import org.oscartransport.oscar.oft.OftHeaderCodec;
import org.oscartransport.oscar.oft.OftReceiveHandler;

/** The OFT receiver feeding a ZippingSink, frames written by hand: what reaches the download, and when not. */
class ZippingSinkTest {

    private static final byte[] COOKIE = {1, 2, 3, 4, 5, 6, 7, 8};

    /** What the download would get. */
    private static final class Download implements OftDataSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        long announced = -1;
        Throwable failure;

        @Override
        public void onStart(Channel dataChannel, long size) {
            announced = size;
        }

        @Override
        public void onData(ByteBuf data) {
            try {
                byte[] b = new byte[data.readableBytes()];
                data.readBytes(b);
                bytes.writeBytes(b);
            } finally {
                data.release();
            }
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }

        @Override
        public void onFailure(Throwable cause) {
            events.add("failure");
            failure = cause;
        }
    }

    private static EmbeddedChannel receiver(Download download, int count, long total) {
        return new EmbeddedChannel(new OftReceiveHandler(COOKIE,
                new ZippingSink(download, count, total, Instant.parse("2025-01-01T00:00:00Z")), count,
                Duration.ofSeconds(30)));
    }

    private static ByteBuf prompt(int count, int left, long total, String name, byte[] data) {
        return OftHeaderCodec.encode(OftHeader.builder().type(OftFrameType.PROMPT).cookie(COOKIE).fileName(name)
                .totalFiles(count).filesLeft(left).totalSize(total).size(data.length)
                .checksum(OftChecksum.of(Unpooled.wrappedBuffer(data))).build(), ByteBufAllocator.DEFAULT);
    }

    private static int framesOfType(EmbeddedChannel ch, int type) {
        int n = 0;
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            try {
                if (out.getUnsignedShort(6) == type) n++;
            } finally {
                out.release();
            }
        }
        return n;
    }

    @Test
    void twoFilesBecomeAZipOfExactlyTheAnnouncedLength() throws IOException {
        byte[] a = "first".getBytes();
        byte[] b = new byte[70_000];
        new java.util.Random(3).nextBytes(b);
        Download download = new Download();
        EmbeddedChannel ch = receiver(download, 2, a.length + b.length);

        ch.writeInbound(prompt(2, 2, a.length + b.length, "dir\u0001a.txt", a), Unpooled.wrappedBuffer(a));
        ch.writeInbound(prompt(2, 1, a.length + b.length, "dir\u0001b.bin", b), Unpooled.wrappedBuffer(b));

        assertThat(download.events).containsExactly("complete");
        assertThat(download.announced).isEqualTo(StreamedZip.length(2, a.length + b.length));
        assertThat((long) download.bytes.size()).isEqualTo(download.announced);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.bytes.toByteArray()))) {
            ZipEntry first = zip.getNextEntry();
            assertThat(first.getName()).isEqualTo("dir/a.txt");
            assertThat(zip.readAllBytes()).isEqualTo(a);
            assertThat(zip.getNextEntry().getName()).isEqualTo("dir/b.bin");
            assertThat(zip.readAllBytes()).isEqualTo(b);
            assertThat(zip.getNextEntry()).isNull();
        }
        assertThat(framesOfType(ch, OftFrameType.DONE)).isEqualTo(2);
        assertThat(ch.isOpen()).as("closed after the last DONE").isFalse();
    }

    @Test
    void aLastFileThatMissesTheAnnouncedTotalFailsBeforeItIsAcknowledged() {
        byte[] a = "12345".getBytes();
        byte[] b = "67".getBytes(); // the offer said 10 bytes in all; these make 7
        Download download = new Download();
        EmbeddedChannel ch = receiver(download, 2, 10);

        ch.writeInbound(prompt(2, 2, 10, "a", a), Unpooled.wrappedBuffer(a));
        int acksBefore = framesOfType(ch, OftFrameType.ACK);
        ch.writeInbound(prompt(2, 1, 10, "b", b));

        assertThat(acksBefore).isEqualTo(1);
        assertThat(framesOfType(ch, OftFrameType.ACK)).as("the second file is not accepted").isZero();
        assertThat(download.events).containsExactly("failure");
        assertThat(download.failure).isInstanceOf(ZipContentMismatchException.class)
                .hasMessageContaining("total 7 bytes, not the 10");
        assertThat((long) download.bytes.size()).isLessThan(StreamedZip.length(2, 10));
        assertThat(ch.isOpen()).as("the sender sees the connection close").isFalse();
    }

    @Test
    void aSenderStoppingAfterFewerFilesFailsTheDownload() {
        byte[] a = "12345".getBytes();
        Download download = new Download();
        EmbeddedChannel ch = receiver(download, 3, 5);

        ch.writeInbound(prompt(3, 3, 5, "a", a), Unpooled.wrappedBuffer(a));
        ch.close();

        assertThat(download.events).containsExactly("failure");
        assertThat(download.failure).hasMessageContaining("after 1 of 3 files");
        assertThat((long) download.bytes.size()).isLessThan(StreamedZip.length(3, 5));
        ch.finishAndReleaseAll();
    }
}
