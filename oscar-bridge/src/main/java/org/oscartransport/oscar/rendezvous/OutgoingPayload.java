package org.oscartransport.oscar.rendezvous;

import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.oscartransport.oscar.oft.OftChecksum;
import org.oscartransport.oscar.oft.OftDataSource;
import org.oscartransport.oscar.oft.OftSendHandler;

/** What an {@link OutboundOffer} sends: a local file, or bytes a {@link OftDataSource} produces. */
sealed interface OutgoingPayload {

    /** Size and OFT checksum, known before the proposal goes out. */
    record Facts(long size, long checksum) {}

    String name();

    /** May block (a file's checksum reads it whole), so it runs on {@code blockingWork}. */
    CompletableFuture<Facts> facts(Executor blockingWork);

    ChannelHandler sender(byte[] cookie, Facts facts, CompletableFuture<Void> done);

    /** The offer ended before a sender handler took over (decline, timeout, session gone). */
    void abandon(Throwable reason);

    record LocalFile(Path file) implements OutgoingPayload {
        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public CompletableFuture<Facts> facts(Executor blockingWork) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return new Facts(Files.size(file), OftChecksum.of(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, blockingWork);
        }

        @Override
        public ChannelHandler sender(byte[] cookie, Facts facts, CompletableFuture<Void> done) {
            return new OftSendHandler(cookie, name(), file, facts.checksum(), done);
        }

        @Override
        public void abandon(Throwable reason) {}
    }

    record Stream(String name, long size, OftDataSource source) implements OutgoingPayload {
        @Override
        public CompletableFuture<Facts> facts(Executor blockingWork) {
            // the checksum of bytes we have not seen is unknown; OftSendHandler sends the initial value (§8.5)
            return CompletableFuture.completedFuture(new Facts(size, OftChecksum.INITIAL));
        }

        @Override
        public ChannelHandler sender(byte[] cookie, Facts facts, CompletableFuture<Void> done) {
            return new OftSendHandler(cookie, name, size, source, done, OftSendHandler.DEFAULT_IDLE_TIMEOUT);
        }

        @Override
        public void abandon(Throwable reason) {
            source.cancel(reason);
        }
    }
}
