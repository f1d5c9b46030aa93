package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.icbm.IcbmErrorException;
import org.oscartransport.oscar.login.OscarLoginException.Reason;
import org.oscartransport.oscar.login.OscarLoginException;

class ClientEmulatorTest {

    private static EventLoopGroup group;
    private static OscarEmulator openEmulator;
    private static OscarEmulator listedEmulator;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        openEmulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        listedEmulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0),
                Accounts.of(Map.of("111111", "secret", "222222", "hunter2")));
    }

    @AfterAll
    static void stop() {
        openEmulator.close();
        listedEmulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static OscarClient client(OscarEmulator emulator) {
        return client(emulator.address(), Duration.ofSeconds(10));
    }

    private static OscarClient client(InetSocketAddress server, Duration loginTimeout) {
        return new OscarClient(group, new OscarClientConfig(
                server, Duration.ofSeconds(2), loginTimeout, true, Duration.ofSeconds(30)));
    }

    private static OscarSession login(OscarClient client, String uin, String password, OscarSessionListener l)
            throws Exception {
        return client.login(uin, password, l).get(10, TimeUnit.SECONDS);
    }

    private static Reason failureReason(CompletableFuture<?> future) {
        ExecutionException e = catchThrowableOfType(() -> future.get(10, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e).as("login should fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(OscarLoginException.class);
        return ((OscarLoginException) e.getCause()).reason();
    }

    @Test
    void signsOnWithTheRightPassword() throws Exception {
        OscarSession session = login(client(listedEmulator), "111111", "secret", new RecordingListener());

        assertThat(session.uin()).isEqualTo("111111");
        assertThat(session.closeFuture()).isNotDone();
        assertThat(listedEmulator.isOnline("111111")).isTrue();
        session.close();
        session.closeFuture().get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 50 && listedEmulator.isOnline("111111"); i++) {
            Thread.sleep(20); // the emulator notices the close on its own event loop
        }
        assertThat(listedEmulator.isOnline("111111")).isFalse();
    }

    @Test
    void wrongPasswordIsReportedAsSuch() {
        CompletableFuture<OscarSession> login = client(listedEmulator).login("111111", "wrong", new RecordingListener());
        assertThat(failureReason(login)).isEqualTo(Reason.WRONG_PASSWORD);
    }

    @Test
    void passwordCheckStopsBeforeSignOnSoTheSignedOnSessionStays() throws Exception {
        OscarSession session = login(client(listedEmulator), "222222", "hunter2", new RecordingListener());
        try {
            client(listedEmulator).checkPassword("222222", "hunter2").get(10, TimeUnit.SECONDS);

            // a second sign-on would have ended it ("signed on from another location"); the check never signs on
            assertThat(session.setStatus(ContactStatus.AWAY, "checking")).succeedsWithin(Duration.ofSeconds(5));
            assertThat(session.closeFuture()).isNotDone();
            assertThat(listedEmulator.isOnline("222222")).isTrue();
        } finally {
            session.close();
        }
    }

    @Test
    void passwordCheckReportsWrongPasswordAndUnknownUin() {
        assertThat(failureReason(client(listedEmulator).checkPassword("222222", "wrong"))).isEqualTo(Reason.WRONG_PASSWORD);
        assertThat(failureReason(client(listedEmulator).checkPassword("999999", "x"))).isEqualTo(Reason.UNKNOWN_UIN);
    }

    @Test
    void unknownUinIsRefusedByAListedEmulatorButCreatedByAnOpenOne() throws Exception {
        CompletableFuture<OscarSession> listed = client(listedEmulator).login("999999", "x", new RecordingListener());
        assertThat(failureReason(listed)).isEqualTo(Reason.UNKNOWN_UIN);

        OscarSession session = login(client(openEmulator), "999999", "x", new RecordingListener());
        assertThat(session.uin()).isEqualTo("999999");
        session.close();
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = (InetSocketAddress) s.getLocalSocketAddress();
        }
        CompletableFuture<OscarSession> login = client(nobody, Duration.ofSeconds(5)).login("1", "x",
                new RecordingListener());
        assertThat(failureReason(login)).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<OscarSession> login = client(
                    (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(500))
                    .login("1", "x", new RecordingListener());
            assertThat(failureReason(login)).isEqualTo(Reason.TIMEOUT);
        }
    }

    @Test
    void messagesTravelBothWaysInAnyScript() throws Exception {
        OscarClient client = client(openEmulator);
        RecordingListener aEvents = new RecordingListener();
        RecordingListener bEvents = new RecordingListener();
        OscarSession a = login(client, "300001", "pa", aEvents);
        OscarSession b = login(client, "300002", "pb", bEvents);

        a.sendMessage("300002", "hello <b>").get(10, TimeUnit.SECONDS);
        assertThat(next(bEvents.messages)).isEqualTo(new RecordingListener.Message("300001", "hello <b>"));

        b.sendMessage("300001", "Привет, 世界 ✓ café").get(10, TimeUnit.SECONDS);
        assertThat(next(aEvents.messages)).isEqualTo(new RecordingListener.Message("300002", "Привет, 世界 ✓ café"));

        a.close();
        b.close();
    }

    @Test
    void messageToAnOfflineUserFails() throws Exception {
        OscarSession a = login(client(openEmulator), "300003", "pa", new RecordingListener());

        assertThatThrownBy(() -> a.sendMessage("300099", "anyone?").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(IcbmErrorException.class, e -> assertThat(e.recipientOffline()).isTrue());
        a.close();
    }

    @Test
    void signingOnElsewhereEndsTheOldSessionWithAReason() throws Exception {
        OscarClient client = client(openEmulator);
        RecordingListener firstEvents = new RecordingListener();
        OscarSession first = login(client, "300007", "pa", firstEvents);
        OscarSession second = login(client, "300007", "pa", new RecordingListener());

        assertThat(next(firstEvents.closed)).contains("another location");
        first.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(second.closeFuture()).isNotDone();
        assertThatThrownBy(() -> first.sendMessage("300008", "x").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        second.close();
    }

    @Test
    void garbageClosesOnlyItsOwnConnection() throws Exception {
        OscarClient client = client(openEmulator);
        RecordingListener bEvents = new RecordingListener();
        OscarSession a = login(client, "300005", "pa", new RecordingListener());
        OscarSession b = login(client, "300006", "pb", bEvents);

        assertThat(closedByServerAfterSending("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        // a login SNAC whose TLV claims more bytes than the frame holds
        assertThat(closedByServerAfterSending(HexFormat.of().parseHex(
                "2a0100010004" + "00000001" + "2a020002000e" + "00170006000000000001" + "00010040"))).isTrue();

        a.sendMessage("300006", "still here").get(10, TimeUnit.SECONDS);
        assertThat(next(bEvents.messages).text()).isEqualTo("still here");
        a.close();
        b.close();
    }

    private static boolean closedByServerAfterSending(byte[] bytes) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(openEmulator.address(), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // the server hello, then EOF
            }
            return true;
        }
    }
}
