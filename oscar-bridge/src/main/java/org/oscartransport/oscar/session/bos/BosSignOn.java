package org.oscartransport.oscar.session.bos;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.oscartransport.oscar.icbm.Icbm;
import org.oscartransport.oscar.rate.RateClasses;
import org.oscartransport.oscar.rendezvous.Capabilities;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BOS sign-on sequence of oscar.md §4.1, driven by the server's replies. "Signed on" (§4.4) = we received
 * the versions, rate classes, the final feedbag and the BOS rights, and sent caps, ICBM params, feedbag
 * activate and client ready. Locate rights and ICBM params are optional replies: after a grace period we send
 * our caps and params without them, so a server that leaves them out does not stall us.
 */
final class BosSignOn {

    private static final Logger log = LoggerFactory.getLogger(BosSignOn.class);

    static final long OPTIONAL_REPLY_GRACE_MILLIS = 5_000;

    private static final int OSERVICE = 0x0001;
    private static final int LOCATE = 0x0002;
    private static final int BUDDY = 0x0003;
    private static final int BOS = 0x0009;
    private static final int FEEDBAG = 0x0013;
    private static final int ICQ = 0x0015;

    /** Family versions we speak, as libpurple's ICQ plugin (oscar.md §4.2). */
    private static final Map<Integer, Integer> VERSIONS =
            Map.of(OSERVICE, 3, LOCATE, 1, BUDDY, 1, Icbm.FAMILY, 1, BOS, 1, FEEDBAG, 4, ICQ, 1);

    private final SnacSender out;
    private final Consumer<RateClasses> onRateClasses;
    private final Runnable onSignedOn;
    private final Set<Integer> families = new LinkedHashSet<>();
    private boolean versionsDone;
    private boolean ratesDone;
    private boolean feedbagDone;
    private boolean capsSent;
    private boolean icbmParamsSent;
    private boolean bosRightsDone;
    private boolean finished;
    private ScheduledFuture<?> optionalGrace;

    BosSignOn(SnacSender out, Consumer<RateClasses> onRateClasses, Runnable onSignedOn) {
        this.out = out;
        this.onRateClasses = onRateClasses;
        this.onSignedOn = onSignedOn;
    }

    boolean finished() {
        return finished;
    }

    /** The families the server announced in its host-online list. */
    Collection<Integer> families() {
        return List.copyOf(families);
    }

    /** Handles a sign-on SNAC; returns false when the SNAC is none of its business. */
    boolean onSnac(Snac snac) {
        ByteBuf body = snac.content();
        int family = snac.family();
        int subtype = snac.subtype();
        if (family == OSERVICE && subtype == 0x0003) {
            onHostOnline(body);
        } else if (family == OSERVICE && subtype == 0x0018 && !versionsDone) {
            versionsDone = true;
            out.send(OSERVICE, 0x0006, out.alloc().buffer(0));
        } else if (family == OSERVICE && subtype == 0x0007 && !ratesDone) {
            ratesDone = true;
            onRateClasses(body);
        } else if (family == FEEDBAG && (subtype == 0x0006 || subtype == 0x000F)) {
            if (!snac.moreRepliesFollow() && !feedbagDone) {
                feedbagDone = true;
                out.send(FEEDBAG, 0x0007, out.alloc().buffer(0));
                maybeFinish();
            }
        } else if (family == LOCATE && subtype == 0x0003) {
            sendCapabilities();
            maybeFinish();
        } else if (family == Icbm.FAMILY && subtype == Icbm.PARAMS_REPLY) {
            sendIcbmParams();
            maybeFinish();
        } else if (family == BOS && subtype == 0x0003) {
            bosRightsDone = true;
            maybeFinish();
        } else {
            return family == OSERVICE || family == LOCATE || family == BUDDY || family == BOS
                    || family == FEEDBAG || family == ICQ;
        }
        return true;
    }

    private void onHostOnline(ByteBuf body) {
        families.clear();
        while (body.readableBytes() >= 2) {
            families.add(body.readUnsignedShort());
        }
        ByteBuf versions = out.alloc().buffer();
        for (int family : families) {
            Integer version = VERSIONS.get(family);
            if (version != null) {
                versions.writeShort(family).writeShort(version);
            }
        }
        out.send(OSERVICE, 0x0017, versions);
    }

    private void onRateClasses(ByteBuf body) {
        List<Integer> classIds;
        try {
            RateClasses classes = RateClasses.read(body);
            classIds = classes.classIds();
            onRateClasses.accept(classes);
        } catch (MalformedDataException e) {
            // acknowledged all the same, so that sign-on goes on; we just cannot pace for this server
            log.warn("Unreadable rate reply, sending without rate limits: {}", e.getMessage());
            classIds = List.of();
        }
        ByteBuf ack = out.alloc().buffer(2 * classIds.size());
        classIds.forEach(ack::writeShort);
        out.send(OSERVICE, 0x0008, ack);

        // the burst libpurple sends without waiting for replies (oscar.md §12.2 step 2)
        out.send(OSERVICE, 0x000E, out.alloc().buffer(0));
        out.send(FEEDBAG, 0x0002, out.alloc().buffer(0));
        out.send(FEEDBAG, 0x0004, out.alloc().buffer(0));
        sendIfServed(LOCATE, 0x0002);
        sendIfServed(BUDDY, 0x0002);
        sendIfServed(Icbm.FAMILY, Icbm.PARAMS_REQUEST);
        out.send(BOS, 0x0002, out.alloc().buffer(0));
        optionalGrace = out.eventLoop().schedule(() -> {
            sendCapabilities();
            sendIcbmParams();
            maybeFinish();
        }, OPTIONAL_REPLY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sendIfServed(int family, int subtype) {
        if (families.contains(family)) {
            out.send(family, subtype, out.alloc().buffer(0));
        }
    }

    private void sendCapabilities() {
        if (capsSent) {
            return;
        }
        capsSent = true;
        byte[] caps = new byte[16 * Capabilities.ADVERTISED.size()];
        for (int i = 0; i < Capabilities.ADVERTISED.size(); i++) {
            System.arraycopy(Capabilities.ADVERTISED.get(i), 0, caps, 16 * i, 16);
        }
        ByteBuf body = out.alloc().buffer();
        TlvChain.of(new Tlv(0x0005, caps)).writeChain(body);
        out.send(LOCATE, 0x0004, body);
    }

    private void sendIcbmParams() {
        if (icbmParamsSent) {
            return;
        }
        icbmParamsSent = true;
        ByteBuf body = out.alloc().buffer(16);
        body.writeShort(0); // all channels
        body.writeInt(0x0000000B); // channel messages, missed calls, typing events
        body.writeShort(8000).writeShort(999).writeShort(999).writeInt(0);
        out.send(Icbm.FAMILY, Icbm.SET_PARAMS, body);
    }

    private void maybeFinish() {
        if (finished || !feedbagDone || !bosRightsDone || !capsSent || !icbmParamsSent) {
            return;
        }
        finished = true;
        if (optionalGrace != null) {
            optionalGrace.cancel(false);
        }
        sendStatus();
        ByteBuf idle = out.alloc().buffer(4).writeInt(0);
        out.send(OSERVICE, 0x0011, idle);
        sendClientReady();
        out.send(Icbm.FAMILY, Icbm.OFFLINE_REQUEST, out.alloc().buffer(0));
        log.debug("BOS sign-on complete");
        onSignedOn.run();
    }

    private void sendStatus() {
        ByteBuf dcInfo = out.alloc().buffer(37);
        dcInfo.writeInt(0).writeInt(0); // internal IP, port: no direct connections
        dcInfo.writeByte(0).writeShort(8); // DC type disabled, protocol version 8 (some clients need >= 8)
        dcInfo.writeInt(0).writeInt(0x50).writeInt(3); // auth cookie, web port, features
        dcInfo.writeInt(0).writeInt(0).writeInt(0).writeShort(0);
        byte[] dc = new byte[37];
        dcInfo.readBytes(dc);
        dcInfo.release();
        ByteBuf body = out.alloc().buffer();
        TlvChain.of(Tlv.u32(0x0006, 0x00000000L), new Tlv(0x000C, dc)).writeChain(body);
        out.send(OSERVICE, 0x001E, body);
    }

    private void sendClientReady() {
        ByteBuf body = out.alloc().buffer();
        for (int family : families) {
            Integer version = VERSIONS.get(family);
            if (version != null) {
                body.writeShort(family).writeShort(version);
                body.writeShort(0x0110).writeShort(family == ICQ ? 0x047C : 0x0629);
            }
        }
        out.send(OSERVICE, 0x0002, body);
    }

    void shutdown() {
        if (optionalGrace != null) {
            optionalGrace.cancel(false);
        }
    }
}
