package org.oscartransport.oscar.rendezvous;

import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.oscartransport.oscar.oft.OftChecksum;
import org.oscartransport.oscar.oft.OftDataSource;
import org.oscartransport.oscar.oft.OftFilesSendHandler;
import org.oscartransport.oscar.oft.OftSendHandler;

/** What an {@link OutboundOffer} sends: a local file, or bytes a {@link OftDataSource} produces. */
sealed interface OutgoingPayload {

    /** Size and OFT checksum, known before the proposal goes out; for several files, each one's. */
    record Facts(long size, long checksum, List<OftFilesSendHandler.OutgoingFile> files) {
        Facts(long size, long checksum) {
            this(size, checksum, List.of());
        }
    }

    String name();

    /** The file count for the proposal's service data (oscar.md §6.3). */
    default int fileCount() {
        return 1;
    }

    /**
     * Whether an empty payload may be proposed. A local file may: ICQ clients such as Miranda send and take
     * empty files (libpurple ignores such proposals, §6.3). A relayed stream may not: its receiver is unknown.
     */
    default boolean mayBeEmpty() {
        return true;
    }

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

        @Override
        public boolean mayBeEmpty() {
            return false;
        }
    }

    /** Several local files in one session (§8.7), named {@code folder 0x01 name} as Miranda names them. */
    record LocalFiles(String folderName, List<Named> files) implements OutgoingPayload {

        /** A file and the name it has in the session (0x01 separates folders). */
        record Named(String name, Path path) {}

        public LocalFiles {
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no files to send");
            }
        }

        @Override
        public String name() {
            return folderName;
        }

        @Override
        public int fileCount() {
            return files.size();
        }

        @Override
        public CompletableFuture<Facts> facts(Executor blockingWork) {
            return CompletableFuture.supplyAsync(() -> {
                List<OftFilesSendHandler.OutgoingFile> known = new ArrayList<>();
                long total = 0;
                try {
                    for (Named f : files) {
                        long size = Files.size(f.path());
                        known.add(new OftFilesSendHandler.OutgoingFile(f.name(), f.path(), size, OftChecksum.of(f.path())));
                        total += size;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Facts(total, OftChecksum.INITIAL, known);
            }, blockingWork);
        }

        @Override
        public ChannelHandler sender(byte[] cookie, Facts facts, CompletableFuture<Void> done) {
            return new OftFilesSendHandler(cookie, facts.files(), done, OftSendHandler.DEFAULT_IDLE_TIMEOUT);
        }

        @Override
        public void abandon(Throwable reason) {}
    }
}
