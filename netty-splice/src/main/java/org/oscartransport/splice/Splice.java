package org.oscartransport.splice;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moving a stream's bytes from one socket to another inside the kernel (splice(2) through a pipe), as Netty's
 * native epoll transport offers it: no copy into the JVM, no buffer per read. Only between two native epoll
 * stream channels of one event loop; with NIO (or any other pair) {@link #possible} says no and the bytes take the
 * usual path through the pipeline.
 */
public final class Splice {

    /** Where the kernel's TCP receive-buffer limit is when it cannot be read: generous, so splicing stays safe. */
    private static final long FALLBACK_RECEIVE_BUFFER = 64L * 1024 * 1024;
    private static final long RECEIVE_BUFFER_LIMIT = readReceiveBufferLimit();

    private Splice() {}

    public static boolean possible(Channel from, Channel to) {
        return from instanceof AbstractEpollStreamChannel && to instanceof AbstractEpollStreamChannel
                && from.eventLoop() == to.eventLoop() && from.isActive() && to.isActive();
    }

    /**
     * How many of a stream's last bytes must not be spliced. When the peer closes, Netty drops whatever is still
     * unread in the socket if a splice is under way, where its usual path reads it all first. A peer's FIN comes
     * after all its data, so once it can have arrived, what is left unread fits in the receive buffer: bytes
     * further than that from the end are safe to splice, the rest must go the usual way (a sender may close right
     * after its last byte).
     */
    public static long unsafeTail(Channel from) {
        int current = 0;
        try {
            if (from.config() instanceof SocketChannelConfig config) {
                current = config.getReceiveBufferSize();
            }
        } catch (ChannelException closed) {
            // closed meanwhile: nothing will be spliced from it anyway
        }
        return Math.max(RECEIVE_BUFFER_LIMIT, current);
    }

    /**
     * Splices exactly {@code length} bytes of {@code from} into {@code to}, behind whatever {@code to} already has
     * queued. Completes once the last of them was written to {@code to}'s socket; fails if either side closes
     * first. Reading {@code from} waits while {@code to} cannot take more (Netty turns autoRead off until the pipe
     * has drained), so a slow reader holds the sender back as on the usual path. Only where {@link #possible}.
     */
    static ChannelFuture splice(Channel from, Channel to, int length) {
        AbstractEpollStreamChannel source = (AbstractEpollStreamChannel) from;
        AbstractEpollStreamChannel target = (AbstractEpollStreamChannel) to;
        // Netty splices only between level-triggered channels; the mode can change on a registered channel.
        source.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
        target.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
        return source.spliceTo(target, length);
    }

    /** The most a TCP receive buffer grows to by autotuning here; {@link #unsafeTail} is never less. */
    public static long receiveBufferLimit() {
        return RECEIVE_BUFFER_LIMIT;
    }

    /** The third value of tcp_rmem. */
    private static long readReceiveBufferLimit() {
        try {
            // line by line: Files.readString and readAllBytes stop short on procfs files, which claim size 0
            String[] values = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_rmem")).get(0).trim().split("\\s+");
            return Long.parseLong(values[values.length - 1]);
        } catch (IOException | RuntimeException e) {
            return FALLBACK_RECEIVE_BUFFER;
        }
    }
}
