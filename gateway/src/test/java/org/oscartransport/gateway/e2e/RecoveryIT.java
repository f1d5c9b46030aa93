package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.slf4j.LoggerFactory;

/** A transport restart loses nothing registered, and online users get their ICQ sessions back by themselves. */
class RecoveryIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100007", "pw7", "200008", "pw8", "100009", "pw9", "100024", "pw"),
                List.of("erin", "frank", "nora"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    @Test
    void afterATransportRestartTheOnlineUserIsBackOnIcqWithoutDoingAnything() throws Exception {
        try (XmppTestClient erin = fixture.connect("erin", "tablet")) {
            TransportFixture.goOnline(erin, "100007", "pw7");
            OscarSession contact = fixture.contacts.login("200008", "pw8", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> sent = contact.sendFile("100007", InboundFileIT.randomFile("notes.txt"));
            erin.awaitOobMessage(TransportFixture.WAIT);

            fixture.restartTransport();

            assertThatThrownBy(() -> sent.get(20, TimeUnit.SECONDS)).as("shutting down cancels the waiting offer")
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(TransferCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
            Presence back = erin.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(),
                    TransportFixture.WAIT);
            assertThat(back).isNotNull();
            contact.sendMessage("100007", "still there?").get(10, TimeUnit.SECONDS);
            Message message = erin.awaitMessage(m -> "still there?".equals(m.getBody()), TransportFixture.WAIT);
            assertThat(message.getFrom().toString()).startsWith("200008@" + DOMAIN);
            contact.close();
        }
    }

    @Test
    void afterAnXmppServerRestartTheComponentReconnectsAndSessionsResume() throws Exception {
        try (XmppTestClient frank = fixture.connect("frank", "phone")) {
            TransportFixture.goOnline(frank, "100009", "pw9");
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            fixture.prosody.restart();
            signsBackOnAndReceives();
        } finally {
            root.detachAppender(logged);
        }

        List<ILoggingEvent> events;
        synchronized (logged) {
            events = List.copyOf(logged.list);
        }
        // one plain line per event, from the transport; nothing from Whack at ERROR, no stack traces
        assertThat(events).filteredOn(e -> e.getLoggerName().startsWith("org.jivesoftware")
                && e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
        List<ILoggingEvent> ours = events.stream()
                .filter(e -> e.getLoggerName().endsWith("ReportingExternalComponent")
                        && e.getLevel().isGreaterOrEqual(Level.INFO))
                .toList();
        assertThat(ours).as("lost, then back").hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(ours.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(ours.get(0).getFormattedMessage()).startsWith("XMPP server connection lost");
        assertThat(ours.subList(1, ours.size() - 1)).allSatisfy(attempt -> {
            assertThat(attempt.getLevel()).isEqualTo(Level.WARN);
            assertThat(attempt.getFormattedMessage()).startsWith("XMPP server connection lost; reconnecting in 5 s");
        });
        ILoggingEvent back = ours.get(ours.size() - 1);
        assertThat(back.getLevel()).isEqualTo(Level.INFO);
        assertThat(back.getFormattedMessage()).startsWith("XMPP server connection back");
    }

    private void signsBackOnAndReceives() throws Exception {
        try (XmppTestClient frank = fixture.connect("frank", "phone")) {
            frank.sendPresenceAvailable();
            frank.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), Duration.ofSeconds(30));
            OscarSession contact = fixture.contacts.login("200008", "pw8", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            contact.sendMessage("100009", "after the restart").get(10, TimeUnit.SECONDS);
            Message message = frank.awaitMessage(m -> "after the restart".equals(m.getBody()), TransportFixture.WAIT);
            assertThat(message.getFrom().toString()).startsWith("200008@" + DOMAIN);
            contact.close();
        }
    }

    @Test
    void afterAnOscarServerRestartTheSessionComesBackAndTheUserSeesIt() throws Exception {
        try (XmppTestClient nora = fixture.connect("nora", "phone")) {
            TransportFixture.goOnline(nora, "100024", "pw");

            fixture.restartEmulator(Duration.ofSeconds(2));

            nora.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && !p.isAvailable(), TransportFixture.WAIT);
            nora.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), Duration.ofSeconds(30));
            OscarSession contact = fixture.contacts.login("200008", "pw8", new OscarSessionListener() {})
                    .get(10, TimeUnit.SECONDS);
            contact.sendMessage("100024", "you are back").get(10, TimeUnit.SECONDS);
            assertThat(nora.awaitMessage(m -> "you are back".equals(m.getBody()), TransportFixture.WAIT)).isNotNull();
            contact.close();
        }
    }
}
