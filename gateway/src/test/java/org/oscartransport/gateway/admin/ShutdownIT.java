package org.oscartransport.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.Transport;
import org.oscartransport.gateway.config.ConfigLoader;
import org.oscartransport.gateway.it.Oob;
import org.oscartransport.gateway.it.ProsodyServer;
import org.oscartransport.gateway.it.XmppTestClient;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarClientConfig;
import org.oscartransport.oscar.session.OscarSession;
import org.oscartransport.oscar.session.OscarSessionListener;
import org.slf4j.LoggerFactory;

/**
 * What {@code Transport.close()} (the SIGTERM shutdown hook) does with a user online and a download running:
 * the transfer is cancelled on both sides and logged, and the user sees the transport go unavailable.
 */
class ShutdownIT {
    private static final String DOMAIN = "icq.localhost";
    private static final String SECRET = "shutdown-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FILE_SIZE = 32 * 1024 * 1024;

    @Test
    void closingCancelsRunningTransfersAndSaysGoodbyeToOnlineUsers() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "admin"));
        Logger transfers = (Logger) LoggerFactory.getLogger(TransferLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        transfers.addAppender(lines);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (ProsodyServer prosody = ProsodyServer.start(Files.createTempDirectory(work, "prosody"), DOMAIN, SECRET);
                OscarEmulator emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open())) {
            prosody.registerUser("carol", "carolpw");
            int httpPort = TransportUnderTest.freePort();
            Transport transport = Transport.start(ConfigLoader.withEnvironment(Map.of()).load(
                    "--xmpp.port=" + prosody.componentPort(), "--xmpp.domain=" + DOMAIN, "--xmpp.secret=" + SECRET,
                    "--oscar.host=127.0.0.1", "--oscar.port=" + emulator.address().getPort(),
                    "--http.bind=127.0.0.1", "--http.ports=" + httpPort + "-" + httpPort,
                    "--data.dir=" + Files.createTempDirectory(work, "data").toAbsolutePath(),
                    "--net.allow-private-addresses=true"));
            boolean closed = false;
            try (XmppTestClient carol = XmppTestClient.connect(prosody, "carol", "carolpw", "laptop")) {
                assertThat(carol.register(DOMAIN, "100007", "pw").getType()).isEqualTo(IQ.Type.result);
                carol.sendPresenceAvailable();
                carol.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN) && p.isAvailable(), WAIT);

                OscarClient contacts = new OscarClient(group, new OscarClientConfig(emulator.address(),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), true, Duration.ofSeconds(60)));
                OscarSession contact = contacts.login("200007", "pw", new OscarSessionListener() {}).get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> sent = contact.sendFile("100007", randomFile(work));
                Message offer = carol.awaitOobMessage(WAIT);
                String url = Oob.ofMessage(offer).orElseThrow().url();

                // Start the download and stop reading: back-pressure keeps the transfer running.
                HttpResponse<InputStream> download = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                InputStream body = download.body();
                assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);

                transport.close();
                closed = true;

                Presence goodbye = carol.awaitPresence(p -> p.getFrom().toString().equals(DOMAIN)
                        && p.getType() == Presence.Type.unavailable, WAIT);
                assertThat(goodbye).isNotNull();
                assertThatThrownBy(() -> sent.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("the ICQ contact's send ends in failure, not a hang").isNotInstanceOf(java.util.concurrent.TimeoutException.class);
                assertThat(drain(body)).as("the download is cut short").isLessThan(FILE_SIZE - 64 * 1024);
                assertThat(lines.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains(" dir=in uin=200007 jid=carol@localhost ", " outcome=failed ")
                        .doesNotContain(url));
                contact.close();
            } finally {
                if (!closed) {
                    transport.close();
                }
            }
        } finally {
            transfers.detachAppender(lines);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Reads what is left; a connection cut mid-body counts as the end. */
    private static long drain(InputStream body) {
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            for (int r; (r = body.read(buffer)) > 0; ) {
                n += r;
            }
        } catch (IOException cutShort) {
            // expected: the transport closed the response before Content-Length was reached
        }
        return n;
    }

    private static Path randomFile(Path work) throws IOException {
        byte[] bytes = new byte[FILE_SIZE];
        new Random(7).nextBytes(bytes);
        return Files.write(Files.createTempDirectory(work, "files").resolve("big.bin"), bytes);
    }
}
