package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;

/** A receiver keeps at most 32 unanswered offers; the sender of one more hears a CANCEL at once. */
class OpenOffersLimitTest {

    @Test
    void anOfferBeyondTheOpenLimitIsCancelledForItsSender(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("note.txt"), "hello".getBytes());
        try (EmulatorFixture emulator = new EmulatorFixture()) {
            RecordingListener receiver = new RecordingListener();
            OscarSession bob = emulator.login("200002", receiver);
            OscarSession alice = emulator.login("100001", new RecordingListener());

            List<CompletableFuture<Void>> open = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                open.add(alice.sendFile("200002", file));
                assertThat(RecordingListener.next(receiver.offers)).isNotNull(); // each one arrives, unanswered
            }
            CompletableFuture<Void> oneTooMany = alice.sendFile("200002", file);

            assertThatThrownBy(() -> oneTooMany.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransferCancelledException.class);
            assertThat(((TransferCancelledException) catchCause(oneTooMany)).byPeer()).isTrue();
            assertThat(receiver.offers).isEmpty();
            assertThat(open).noneMatch(CompletableFuture::isDone);
            alice.close();
            bob.close();
        }
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
