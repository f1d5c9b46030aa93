package org.oscartransport.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.oscar.session.ContactAddition;
import org.oscartransport.oscar.session.OscarSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

class ContactAuthorizationsTest {

    private final List<Packet> sent = new CopyOnWriteArrayList<>();
    private final XmppOut xmpp = new XmppOut() {
        @Override
        public void send(Packet packet) {
            sent.add(packet);
        }

        @Override
        public CompletableFuture<IQ> query(IQ request, Duration timeout) {
            return new CompletableFuture<>();
        }
    };
    private final ContactAuthorizations authorizations = new ContactAuthorizations(new JID("kim@example.org"), xmpp,
            new ContactJids("icq.example.org"), Map.of("111", "Ann")::get);
    private final OscarSession oscar = mock(OscarSession.class);

    @Test
    void requestBecomesASubscribeWithTheKnownNickAndTheReason() {
        authorizations.requested("111", "hi, it is Ann");
        authorizations.requested("222", null);

        Presence first = (Presence) sent.get(0);
        assertThat(first.getType()).isEqualTo(Presence.Type.subscribe);
        assertThat(first.getFrom()).isEqualTo(new JID("111@icq.example.org"));
        assertThat(first.getTo()).isEqualTo(new JID("kim@example.org"));
        assertThat(first.getStatus()).isEqualTo("hi, it is Ann");
        assertThat(first.getChildElement("nick", "http://jabber.org/protocol/nick").getText()).isEqualTo("Ann");
        Presence second = (Presence) sent.get(1);
        assertThat(second.getChildElement("nick", "http://jabber.org/protocol/nick")).isNull();
        assertThat(second.getStatus()).isNull();
    }

    @Test
    void approvalGrantsAndListsTheContactOnceDenialOnlyDenies() {
        when(oscar.answerAuthorization(any(), anyBoolean(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(oscar.addContact(any(), any())).thenReturn(CompletableFuture.completedFuture(ContactAddition.ADDED));
        authorizations.requested("111", null);
        authorizations.requested("222", null);

        assertThat(authorizations.answer("111", true, Optional.of(oscar))).isTrue();
        assertThat(authorizations.answer("111", true, Optional.of(oscar))).isFalse(); // answered already
        assertThat(authorizations.answer("222", false, Optional.of(oscar))).isTrue();
        assertThat(authorizations.answer("333", true, Optional.of(oscar))).isFalse(); // never asked

        verify(oscar).answerAuthorization("111", true, null);
        verify(oscar).addContact("111", "Ann");
        verify(oscar).answerAuthorization("222", false, null);
        verify(oscar, never()).addContact("222", null);
        verify(oscar, never()).answerAuthorization("333", true, null);
    }

    @Test
    void contactsAnswerBecomesSubscribedOrUnsubscribed() {
        authorizations.answered("111", true);
        authorizations.answered("222", false);
        assertThat(((Presence) sent.get(0)).getType()).isEqualTo(Presence.Type.subscribed);
        assertThat(((Presence) sent.get(1)).getType()).isEqualTo(Presence.Type.unsubscribed);
        assertThat(sent.get(1).getFrom()).isEqualTo(new JID("222@icq.example.org"));
    }

    @Test
    void aContactAskingAgainWhileTheUserHasNotAnsweredAsksTheUserOnce() {
        authorizations.requested("111", "hi");
        authorizations.requested("111", "hi again");
        assertThat(sent).hasSize(1);
    }

    @Test
    void requestsWaitingBeforeALostConnectionCanStillBeAnsweredAfterIt() {
        when(oscar.answerAuthorization(any(), anyBoolean(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(oscar.addContact(any(), any())).thenReturn(CompletableFuture.completedFuture(ContactAddition.ADDED));
        authorizations.requested("111", null);
        authorizations.requested("222", null);
        assertThat(authorizations.answer("222", false, Optional.of(oscar))).isTrue();

        ContactAuthorizations afterReconnect = new ContactAuthorizations(new JID("kim@example.org"), xmpp,
                new ContactJids("icq.example.org"), Map.of("111", "Ann")::get);
        afterReconnect.carryOver(authorizations);
        afterReconnect.requested("111", "kept by the server while we were away");
        assertThat(sent).as("no second subscribe for the same request").hasSize(2);

        assertThat(afterReconnect.answer("111", true, Optional.of(oscar))).isTrue();
        assertThat(afterReconnect.answer("222", true, Optional.of(oscar))).as("answered before").isFalse();
        verify(oscar).answerAuthorization("111", true, null);
    }

    @Test
    void theOldestUnansweredRequestsAreForgottenBeyondTheBound() {
        when(oscar.answerAuthorization(any(), anyBoolean(), any())).thenReturn(CompletableFuture.completedFuture(null));
        for (int i = 0; i <= ContactAuthorizations.MAX_WAITING; i++) {
            authorizations.requested(String.valueOf(1000 + i), null);
        }
        assertThat(authorizations.answer("1000", false, Optional.of(oscar))).isFalse();
        assertThat(authorizations.answer("1001", false, Optional.of(oscar))).isTrue();
        assertThat(authorizations.answer(String.valueOf(1000 + ContactAuthorizations.MAX_WAITING), false,
                Optional.of(oscar))).isTrue();
    }
}
