package org.oscartransport.oscar.rendezvous;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.oscartransport.oscar.oft.OftDataSink;

/**
 * Passes calls on to the user's sink, but at most one terminal call, whoever reports it first (peer, timer, OFT
 * handler). A failure the OFT handler reports goes to the offer first, which decides what the user's sink hears
 * and when (a CANCEL from the peer may still be on its way). Data after the end is released here.
 */
final class OnceSink implements OftDataSink {

    private final OftDataSink delegate;
    private final Runnable onCompleted;
    private final Consumer<Throwable> onFailed;
    private boolean terminated;
    private boolean reported;

    /**
     * @param onCompleted told before the delegate hears of the completion
     * @param onFailed told the failure the OFT handler reported; it must end with {@link #fail}
     */
    OnceSink(OftDataSink delegate, Runnable onCompleted, Consumer<Throwable> onFailed) {
        this.delegate = delegate;
        this.onCompleted = onCompleted;
        this.onFailed = onFailed;
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
    public boolean wantsChecksum() {
        return delegate.wantsChecksum();
    }

    @Override
    public Channel spliceTarget() {
        return terminated ? null : delegate.spliceTarget();
    }

    @Override
    public void onSpliced(int bytes) {
        if (!terminated) {
            delegate.onSpliced(bytes);
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
            reported = true;
            onCompleted.run();
            delegate.onComplete();
        }
    }

    /** From the OFT handler: the offer hears it, the user's sink only through {@link #fail}. */
    @Override
    public void onFailure(Throwable cause) {
        if (!terminated) {
            terminated = true;
            onFailed.accept(cause);
        }
    }

    /** Tells the user's sink the transfer failed, unless it already heard how the transfer ended. */
    void fail(Throwable cause) {
        terminated = true;
        if (!reported) {
            reported = true;
            delegate.onFailure(cause);
        }
    }
}
