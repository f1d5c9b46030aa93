package org.oscartransport.oscar.rendezvous;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.oscartransport.oscar.oft.OftDataSink;

/**
 * Passes calls on to the user's sink, but at most one terminal call, whoever reports it first (peer, timer, OFT
 * handler). Data after the end is released here.
 */
final class OnceSink implements OftDataSink {

    private final OftDataSink delegate;
    private final Consumer<Boolean> onEnded;
    private boolean terminated;

    /** @param onEnded told {@code true} on failure, {@code false} on completion, before the delegate hears it */
    OnceSink(OftDataSink delegate, Consumer<Boolean> onEnded) {
        this.delegate = delegate;
        this.onEnded = onEnded;
    }

    @Override
    public void onStart(Channel channel, long size) {
        if (!terminated) {
            delegate.onStart(channel, size);
        }
    }

    @Override
    public void onFileStart(String name, long size) {
        if (terminated) {
            throw new IllegalStateException("the transfer has already ended");
        }
        delegate.onFileStart(name, size);
    }

    @Override
    public void onFileEnd() {
        if (!terminated) {
            delegate.onFileEnd();
        }
    }

    @Override
    public void onData(ByteBuf data) {
        if (terminated) {
            data.release();
        } else {
            delegate.onData(data);
        }
    }

    @Override
    public void onReadBatchComplete() {
        if (!terminated) {
            delegate.onReadBatchComplete();
        }
    }

    @Override
    public void onComplete() {
        if (!terminated) {
            terminated = true;
            onEnded.accept(false);
            delegate.onComplete();
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        if (!terminated) {
            terminated = true;
            onEnded.accept(true);
            delegate.onFailure(cause);
        }
    }
}
