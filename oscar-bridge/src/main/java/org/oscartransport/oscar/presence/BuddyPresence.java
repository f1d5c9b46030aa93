package org.oscartransport.oscar.presence;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.icbm.UserInfo;
import org.oscartransport.oscar.session.ContactStatus;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * Contacts' presence (0003/000B arrival, 0003/000C departure, oscar.md §4.2) and our own (0001/001E, §4.5).
 * Runs on the session's event loop only.
 */
public final class BuddyPresence {

    public static final int BUDDY = 0x0003;
    public static final int ARRIVED = 0x000B;
    public static final int DEPARTED = 0x000C;
    private static final int OSERVICE = 0x0001;
    private static final int SET_STATUS = 0x001E;
    private static final int LOCATE = 0x0002;
    private static final int SET_INFO = 0x0004;
    private static final int TLV_AWAY_MIME = 0x0003;
    private static final int TLV_AWAY_TEXT = 0x0004;

    private final SnacSender out;
    private final Listener listener;
    private final PeerCapabilities capabilities;

    /** Receives contacts' presence changes. */
    public interface Listener {
        void onContactPresence(String uin, ContactStatus status, String statusMessage);
    }

    public BuddyPresence(SnacSender out, Listener listener) {
        this(out, listener, new PeerCapabilities());
    }

    /** @param capabilities kept up to date with what arriving contacts advertise */
    public BuddyPresence(SnacSender out, Listener listener, PeerCapabilities capabilities) {
        this.out = out;
        this.listener = listener;
        this.capabilities = capabilities;
    }

    /** True if the SNAC was an arrival or departure (and has been reported). */
    public boolean onSnac(Snac snac) {
        if (snac.family() != BUDDY || (snac.subtype() != ARRIVED && snac.subtype() != DEPARTED)) {
            return false;
        }
        // one user per SNAC is what servers send and libpurple reads (§4.2); we read the first too
        UserInfo info = UserInfo.read(snac.content());
        if (snac.subtype() == DEPARTED) {
            capabilities.departed(info.screenName());
            listener.onContactPresence(info.screenName(), ContactStatus.OFFLINE, null);
        } else {
            capabilities.arrived(info.screenName(), info.tlvs().bytes(UserInfo.TLV_CAPABILITIES));
            ContactStatus status = IcqStatus.toContactStatus(info.tlvs().u32(UserInfo.TLV_ICQ_STATUS, 0),
                    info.tlvs().u16(UserInfo.TLV_USER_CLASS, 0));
            listener.onContactPresence(info.screenName(), status, StatusText.read(info.tlvs().bytes(StatusText.TLV_BART)));
        }
        return true;
    }

    /**
     * Sets our status: the away text first (0002/0004 TLV 0x0004; empty clears it), then the status word, so a
     * server that announces the change on 0001/001E already has the text.
     */
    public void setStatus(ContactStatus status, String message) {
        String text = message == null ? "" : message;
        ByteBuf info = out.alloc().buffer();
        TlvChain.of(Tlv.ascii(TLV_AWAY_MIME, "text/plain; charset=\"utf-8\""),
                new Tlv(TLV_AWAY_TEXT, text.getBytes(StandardCharsets.UTF_8))).writeChain(info);
        out.send(LOCATE, SET_INFO, info);
        ByteBuf body = out.alloc().buffer();
        TlvChain.of(Tlv.u32(UserInfo.TLV_ICQ_STATUS, IcqStatus.toWord(status))).writeChain(body);
        out.send(OSERVICE, SET_STATUS, body);
    }
}
