package org.oscartransport.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.oft.OftDataSink;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;

/**
 * A Jabber → ICQ file ended by our side while its bytes flow (the "transfers" command, the user signing off, the
 * transport stopping): the fetch stops and the contact hears a rendezvous CANCEL.
 */
class AdHocOutboundCancelIT {

    private static final String DOMAIN = TransportFixture.DOMAIN;
    private static TransportFixture fixture;
    private static UploadServer uploads;
    private static Path served;

    @BeforeAll
    static void start() throws Exception {
        fixture = TransportFixture.start(Map.of("100031", "pw", "200031", "pw", "100032", "pw", "200032", "pw",
                "100033", "pw", "200033", "pw"), List.of("jane", "june", "jack"));
        served = InboundFileIT.randomFile("video.mp4");
        uploads = UploadServer.serving(served, "video/mp4");
    }

    @AfterAll
    static void stop() {
        if (uploads != null) uploads.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void cancellingAFileToAnIcqContactStopsTheFetchAndFailsTheContactsDownload() throws Exception {
        try (XmppTestClient jane = fixture.connect("jane", "laptop")) {
            TransportFixture.goOnline(jane, "100031", "pw");
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            OscarSession contact = fixture.contacts.login("200031", "pw", new OscarSessionListener() {
                @Override
                public void onFileOffer(IncomingFileOffer offer) {
                    offers.add(offer);
                }
            }).get(10, TimeUnit.SECONDS);
            try {
                String url = uploads.url();
                jane.connection().sendStanza(jane.connection().getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.from("200031@" + DOMAIN)).ofType(Message.Type.chat).setBody(url)
                        .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build())
                        .build());
                StallingSink sink = new StallingSink();
                offers.poll(20, TimeUnit.SECONDS).accept(sink);
                sink.stalled.get(20, TimeUnit.SECONDS);

                RemoteCommand transfers = AdHocCommandManager.getAddHocCommandsManager(jane.connection())
                        .getRemoteCommand(JidCreate.from(DOMAIN), "transfers");
                transfers.execute();
                assertThat(transfers.getForm().getField("transfers").getValuesAsString()).singleElement()
                        .asString().contains("video.mp4 to 200031", " of 10.0 MiB");
                FillableForm form = new FillableForm(transfers.getForm());
                form.setAnswer("cancel", ((ListSingleFormField) transfers.getForm().getField("cancel"))
                        .getOptions().get(0).getValueString());
                transfers.complete(form);
                assertThat(transfers.getNotes().get(0).getValue()).isEqualTo("Cancelled video.mp4.");

                sink.resume();
                assertThat(cancelOf(sink)).as("the contact hears a CANCEL, not only a closed connection").isTrue();
                assertThat(sink.received.get()).isLessThan(Files.size(served));
                assertThat(jane.awaitMessage(m -> m.getBody() != null && m.getBody().startsWith("[File not"),
                        TransportFixture.WAIT).getBody())
                        .isEqualTo("[File not delivered: cancelled with the transfers command]");
            } finally {
                contact.close();
            }
        }
    }

    @Test
    void theUserGoingOfflineMidTransferCancelsTheContactsDownload() throws Exception {
        try (XmppTestClient june = fixture.connect("june", "laptop")) {
            TransportFixture.goOnline(june, "100032", "pw");
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            OscarSession contact = contactCollecting("200032", offers);
            try {
                StallingSink sink = stalledTransfer(june, "200032", offers);

                june.sendPresenceUnavailable(); // the transport signs the user off ICQ

                assertThat(cancelOf(sink)).as("signing off cancels the transfer first").isTrue();
                assertThat(sink.received.get()).isLessThan(Files.size(served));
            } finally {
                contact.close();
            }
        }
    }

    @Test
    void theTransportStoppingMidTransferCancelsTheContactsDownload() throws Exception {
        try (XmppTestClient jack = fixture.connect("jack", "laptop")) {
            TransportFixture.goOnline(jack, "100033", "pw");
            BlockingQueue<IncomingFileOffer> offers = new LinkedBlockingQueue<>();
            OscarSession contact = contactCollecting("200033", offers);
            try {
                StallingSink sink = stalledTransfer(jack, "200033", offers);

                fixture.restartTransport();

                assertThat(cancelOf(sink)).as("stopping cancels the transfer before the session goes").isTrue();
                assertThat(sink.received.get()).isLessThan(Files.size(served));
            } finally {
                contact.close();
            }
        }
    }

    private static OscarSession contactCollecting(String uin, BlockingQueue<IncomingFileOffer> offers)
            throws Exception {
        return fixture.contacts.login(uin, "pw", new OscarSessionListener() {
            @Override
            public void onFileOffer(IncomingFileOffer offer) {
                offers.add(offer);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** The user shares the served file with {@code uin}, whose sink takes the first bytes and then stalls. */
    private static StallingSink stalledTransfer(XmppTestClient user, String uin, BlockingQueue<IncomingFileOffer> offers)
            throws Exception {
        String url = uploads.url();
        user.connection().sendStanza(user.connection().getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(uin + "@" + DOMAIN)).ofType(Message.Type.chat).setBody(url)
                .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build())
                .build());
        StallingSink sink = new StallingSink();
        offers.poll(20, TimeUnit.SECONDS).accept(sink);
        sink.stalled.get(20, TimeUnit.SECONDS);
        return sink;
    }

    /** Waits for the contact's download to fail; true if it failed because the transport sent a CANCEL. */
    private static boolean cancelOf(StallingSink sink) throws Exception {
        try {
            sink.done.get(TransportFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof TransferCancelledException cancelled && cancelled.byPeer();
        }
        throw new AssertionError("the contact's download completed");
    }

    /** Stops reading after the first bytes (back-pressure holds the transfer open) until told to go on. */
    private static final class StallingSink implements OftDataSink {
        final CompletableFuture<Void> stalled = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong received = new AtomicLong();
        private volatile Channel channel;

        @Override
        public void onStart(Channel dataChannel, long size) {
            channel = dataChannel;
        }

        @Override
        public void onData(ByteBuf data) {
            try {
                if (received.addAndGet(data.readableBytes()) >= 64 * 1024 && !stalled.isDone()) {
                    channel.config().setAutoRead(false);
                    stalled.complete(null);
                }
            } finally {
                data.release();
            }
        }

        void resume() {
            channel.config().setAutoRead(true);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public void onFailure(Throwable cause) {
            done.completeExceptionally(cause);
        }
    }
}
