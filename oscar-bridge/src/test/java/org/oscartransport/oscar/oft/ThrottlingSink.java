package org.oscartransport.oscar.oft;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/** Pauses reading after every delivery and resumes a millisecond later from a scheduled task. */
final class ThrottlingSink extends RecordingSink {
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    volatile long maxHeld;
    volatile int pauses;
    volatile int deliveredWhilePaused;
    private boolean paused;

    ThrottlingSink() {
        super(false);
    }

    @Override
    public void onData(ByteBuf data) {
        if (paused) {
            deliveredWhilePaused++;
        }
        held.add(data);
        heldBytes += data.readableBytes();
        maxHeld = Math.max(maxHeld, heldBytes);
        if (!paused) {
            paused = true;
            pauses++;
            channel.config().setAutoRead(false);
            channel.eventLoop().schedule(this::resume, 1, TimeUnit.MILLISECONDS);
        }
    }

    private void resume() {
        drain();
        paused = false;
        channel.config().setAutoRead(true);
    }

    private void drain() {
        ByteBuf b;
        while ((b = held.poll()) != null) {
            consume(b);
            b.release();
        }
        heldBytes = 0;
    }

    @Override
    public void onComplete() {
        drain();
        super.onComplete();
    }

    @Override
    public void onFailure(Throwable cause) {
        drain();
        super.onFailure(cause);
    }
}
