package org.oscartransport.oscar.feedbag;

import io.netty.buffer.ByteBuf;
import org.oscartransport.oscar.snac.Snac;
import org.oscartransport.oscar.snac.SnacSender;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICQ authorization (oscar.md §4.3): asking contacts for it, answering their requests, and hearing their answers.
 * Runs on the connection's event loop only. A malformed authorization SNAC is logged and dropped; it never ends
 * the session.
 */
public final class AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationService.class);

    /** What contacts tell us about authorization. */
    public interface Events {
        void requested(String fromUin, String reason);

        void answered(String fromUin, boolean granted, String reason);
    }

    private final SnacSender out;
    private final Events events;

    public AuthorizationService(SnacSender out, Events events) {
        this.out = out;
        this.events = events;
    }

    /** Asks {@code uin} to authorize us (0013/0018); {@code reason} may be null. */
    public void request(String uin, String reason) {
        AuthorizationSnacs.requireName(uin);
        ByteBuf body = out.alloc().buffer();
        AuthorizationSnacs.writeRequest(body, uin, reason);
        out.send(FeedbagService.FAMILY, AuthorizationSnacs.SEND_REQUEST, body);
    }

    /** Grants or denies {@code uin}'s request (0013/001A); {@code reason} may be null. */
    public void answer(String uin, boolean grant, String reason) {
        AuthorizationSnacs.requireName(uin);
        ByteBuf body = out.alloc().buffer();
        AuthorizationSnacs.writeReply(body, uin, grant, reason);
        out.send(FeedbagService.FAMILY, AuthorizationSnacs.SEND_REPLY, body);
    }

    /** Handles 0013/0015, 0019, 001B and 001C; returns false for any other SNAC. */
    public boolean onSnac(Snac snac) {
        if (snac.family() != FeedbagService.FAMILY) {
            return false;
        }
        ByteBuf body = snac.content().duplicate();
        try {
            switch (snac.subtype()) {
                case AuthorizationSnacs.REQUEST -> {
                    AuthorizationSnacs.Request request = AuthorizationSnacs.readRequest(body);
                    log.debug("{} asks for authorization", request.uin());
                    events.requested(request.uin(), request.reason());
                }
                case AuthorizationSnacs.REPLY -> {
                    AuthorizationSnacs.Reply reply = AuthorizationSnacs.readReply(body);
                    log.debug("{} {} authorization", reply.uin(), reply.granted() ? "granted" : "denied");
                    events.answered(reply.uin(), reply.granted(), reply.reason());
                }
                case AuthorizationSnacs.FUTURE_GRANTED ->
                    log.debug("{} authorized us in advance", AuthorizationSnacs.readRequest(body).uin());
                case AuthorizationSnacs.YOU_WERE_ADDED ->
                    log.debug("{} put us on their contact list", AuthorizationSnacs.readName(body));
                default -> {
                    return false;
                }
            }
        } catch (MalformedDataException e) {
            log.warn("Dropping malformed authorization SNAC 0013/{}: {}", Integer.toHexString(snac.subtype()),
                    e.getMessage());
        }
        return true;
    }
}
