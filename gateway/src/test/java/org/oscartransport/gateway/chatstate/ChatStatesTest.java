package org.oscartransport.gateway.chatstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.session.TypingState;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

class ChatStatesTest {

    private static Message withState(String name) {
        Message message = new Message();
        message.addChildElement(name, ChatStates.NAMESPACE);
        return message;
    }

    @Test
    void eachChatStateMapsToATypingState() {
        assertThat(ChatStates.typingOf(withState("composing"))).contains(TypingState.TYPING);
        assertThat(ChatStates.typingOf(withState("paused"))).contains(TypingState.PAUSED);
        for (String stopped : new String[] {"active", "inactive", "gone"}) {
            assertThat(ChatStates.typingOf(withState(stopped))).contains(TypingState.STOPPED);
        }
        assertThat(ChatStates.typingOf(new Message())).isEqualTo(Optional.empty());
    }

    @Test
    void aNotificationCarriesOnlyTheChatState() {
        Message m = ChatStates.notification(new JID("123456@icq.example"), new JID("u@example"), TypingState.PAUSED);

        assertThat(m.getType()).isEqualTo(Message.Type.chat);
        assertThat(m.getBody()).isNull();
        assertThat(m.getChildElement("paused", ChatStates.NAMESPACE)).isNotNull();
    }
}
