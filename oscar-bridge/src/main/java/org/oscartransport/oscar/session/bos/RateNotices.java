package org.oscartransport.oscar.session.bos;

import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.function.Supplier;
import org.oscartransport.oscar.rate.RateChange;
import org.oscartransport.oscar.rate.RateClass;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's rate notices on a BOS connection: rate changes (0001/000A) go to the limiter; a pause (0001/000B)
 * holds every outgoing SNAC and is acknowledged with our families (0001/000C); a resume (0001/000D) lets them go.
 */
final class RateNotices {

    private static final Logger log = LoggerFactory.getLogger(RateNotices.class);

    static final int FAMILY = 0x0001;
    static final int PAUSE = 0x000B;
    static final int PAUSE_ACK = 0x000C;
    static final int RESUME = 0x000D;

    private final RateLimitedSnacSender sender;
    private final Supplier<Collection<Integer>> families;
    private final String uin;

    RateNotices(RateLimitedSnacSender sender, Supplier<Collection<Integer>> families, String uin) {
        this.sender = sender;
        this.families = families;
        this.uin = uin;
    }

    /** Handles a family-1 SNAC if it is a rate notice; returns false for any other. */
    boolean onSnac(Snac snac) {
        switch (snac.subtype()) {
            case RateChange.SUBTYPE -> onRateChange(snac.content());
            case PAUSE -> {
                log.info("{}: server paused the connection", uin);
                sender.limiter().pause();
                Collection<Integer> served = families.get();
                ByteBuf ack = sender.alloc().buffer(2 * served.size());
                served.forEach(ack::writeShort);
                sender.sendImmediately(FAMILY, PAUSE_ACK, ack);
            }
            case RESUME -> {
                log.info("{}: server resumed the connection", uin);
                sender.limiter().resume();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onRateChange(ByteBuf body) {
        RateChange change;
        try {
            change = RateChange.read(body);
        } catch (MalformedDataException e) {
            log.warn("{}: ignoring malformed rate change: {}", uin, e.getMessage());
            return;
        }
        if (change.code() == RateChange.WARNING || change.code() == RateChange.LIMITED) {
            for (RateClass c : change.classes()) {
                log.warn("{}: server says rate class {} is {} (level {}, limit {})", uin, c.id(),
                        change.codeName(), c.current(), c.limit());
            }
        }
        sender.limiter().onRateChange(change);
    }
}
