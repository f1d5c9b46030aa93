package org.oscartransport.oscar.oft;

import io.netty.channel.DefaultFileRegion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The sending side of a several-file OFT2 session (oscar.md §8.7), as Miranda or QIP send a folder: for each
 * file a PROMPT (filesLeft counting down, the folder in the name with 0x01 separators), the ACK, the bytes, the
 * receiver's DONE; after the last DONE {@code done} completes and the connection closes. A RESUME is answered
 * with a restart from byte 0; a DONE instead of an ACK skips the file ("already have it"). Plain connections
 * only (zero-copy file regions). Lifecycle and failures as in {@link OftSender}.
 */
public final class OftFilesSendHandler extends OftSender {

    /** One file of the session: its OFT name (may contain 0x01 separators), where it is, size and checksum. */
    public record OutgoingFile(String name, Path path, long size, long checksum) {
        public OutgoingFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            if (size < 0 || size > OftSendHandler.MAX_FILE_SIZE) {
                throw new IllegalArgumentException("size out of OFT2 range: " + size);
            }
        }
    }

    private enum State { NEW, AWAIT_ACK, AWAIT_RESUME_ACK, SENDING }

    private final List<OutgoingFile> files;
    private final long totalSize;
    private State state = State.NEW;
    private int index;
    private OftHeader prompt;

    public OftFilesSendHandler(byte[] cookie, List<OutgoingFile> files, CompletableFuture<Void> done,
            Duration idleTimeout) {
        super(cookie, done, idleTimeout);
        if (files.isEmpty() || files.size() > 0xFFFF) {
            throw new IllegalArgumentException("an OFT session carries 1 to 65535 files, not " + files.size());
        }
        this.files = List.copyOf(files);
        this.totalSize = files.stream().mapToLong(OutgoingFile::size).sum();
        if (totalSize > OftSendHandler.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("several files must total less than 4 GiB (oscar.md §8.8)");
        }
    }

    @Override
    protected String where() {
        return "for file " + (index + 1) + " of " + files.size() + " (" + state + ")";
    }

    @Override
    protected void start() {
        promptFor(0);
    }

    private void promptFor(int i) {
        index = i;
        OutgoingFile file = files.get(i);
        prompt = OftHeader.builder().type(OftFrameType.PROMPT).cookie(cookie).fileName(file.name())
                .totalFiles(files.size()).filesLeft(files.size() - i).totalSize(totalSize)
                .size(file.size()).checksum(file.checksum()).build();
        state = State.AWAIT_ACK;
        log.debug("OFT send: PROMPT {}", prompt);
        writeFrame(prompt);
    }

    @Override
    protected void onFrame(OftHeader frame, String type) {
        switch (frame.type()) {
            case OftFrameType.ACK -> {
                if (expect(State.AWAIT_ACK, type)) {
                    sendFile();
                }
            }
            case OftFrameType.RESUME -> {
                if (expect(State.AWAIT_ACK, type)) {
                    state = State.AWAIT_RESUME_ACK; // always from the start: simple, and always correct
                    writeFrame(prompt.toBuilder().type(OftFrameType.RESUME_ACCEPT).receivedBytes(0)
                            .receivedChecksum(OftChecksum.INITIAL).build());
                }
            }
            case OftFrameType.RESUME_ACK -> {
                if (expect(State.AWAIT_RESUME_ACK, type)) {
                    sendFile();
                }
            }
            case OftFrameType.DONE -> {
                if (state == State.AWAIT_ACK || state == State.SENDING) {
                    fileDone();
                } else {
                    expect(null, type);
                }
            }
            default -> expect(null, type);
        }
    }

    private boolean expect(State expected, String type) {
        return expect(state == expected, type, state);
    }

    private void sendFile() {
        state = State.SENDING;
        OutgoingFile file = files.get(index);
        if (file.size() == 0) {
            return; // DONE follows at once
        }
        writeBody(new DefaultFileRegion(file.path().toFile(), 0, file.size()));
    }

    private void fileDone() {
        if (index + 1 < files.size()) {
            promptFor(index + 1);
            return;
        }
        log.debug("OFT send: DONE for all {} files", files.size());
        finish();
    }
}
