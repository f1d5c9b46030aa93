package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;
import org.oscartransport.oscar.session.RecordingListener.PresenceChange;

/** Contacts' presence between two clients through the emulator, over real sockets. */
class PresenceTest {

    private EventLoopGroup group;
    private OscarEmulator emulator;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
    }

    @AfterEach
    void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private OscarSession login(String uin, OscarSessionListener listener) throws Exception {
        OscarClient client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
        return client.login(uin, "x", listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void contactArrivesChangesStatusAndLeaves() throws Exception {
        RecordingListener b = new RecordingListener();
        OscarSession bob = login("200002", b);
        OscarSession alice = login("100001", new RecordingListener());

        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.ONLINE, null));

        alice.setStatus(ContactStatus.AWAY, "back at five").get(5, TimeUnit.SECONDS);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.AWAY, "back at five"));

        alice.setStatus(ContactStatus.DND, null).get(5, TimeUnit.SECONDS);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.DND, null));

        alice.close();
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.OFFLINE, null));
        bob.close();
    }

    @Test
    void aLaterArrivalSeesTheCurrentStatus() throws Exception {
        OscarSession alice = login("100001", new RecordingListener());
        alice.setStatus(ContactStatus.FREE_FOR_CHAT, null).get(5, TimeUnit.SECONDS);
        Thread.sleep(200); // let the emulator take the status before bob asks for the list

        RecordingListener b = new RecordingListener();
        OscarSession bob = login("200002", b);
        assertThat(next(b.presence)).isEqualTo(new PresenceChange("100001", ContactStatus.FREE_FOR_CHAT, null));
        alice.close();
        bob.close();
    }
}
