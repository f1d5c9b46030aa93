package org.oscartransport.gateway.chatstate;

import java.util.Optional;
import org.dom4j.Element;
import org.oscartransport.oscar.session.TypingState;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** XEP-0085 chat states and ICQ typing notifications, both ways. */
public final class ChatStates {

    public static final String NAMESPACE = "http://jabber.org/protocol/chatstates";

    private ChatStates() {}

    /** The typing state a message's chat state stands for, if it carries one. */
    public static Optional<TypingState> typingOf(Message message) {
        for (Element child : message.getElement().elements()) {
            if (NAMESPACE.equals(child.getNamespaceURI())) {
                return switch (child.getName()) {
                    case "composing" -> Optional.of(TypingState.TYPING);
                    case "paused" -> Optional.of(TypingState.PAUSED);
                    case "active", "inactive", "gone" -> Optional.of(TypingState.STOPPED);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    /**
     * A body-less chat message carrying only the chat state for {@code state}. ICQ's "typing finished" means the
     * contact cleared their text but still has the conversation open, hence {@code active}.
     */
    public static Message notification(JID from, JID to, TypingState state) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(from);
        message.setTo(to);
        message.addChildElement(switch (state) {
            case TYPING -> "composing";
            case PAUSED -> "paused";
            case STOPPED -> "active";
        }, NAMESPACE);
        return message;
    }
}
