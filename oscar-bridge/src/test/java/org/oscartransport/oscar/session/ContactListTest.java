package org.oscartransport.oscar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oscartransport.oscar.session.RecordingListener.next;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.emulator.Accounts;
import org.oscartransport.oscar.emulator.OscarEmulator;

/** The server-stored contact list through our client and the emulator, over real sockets (oscar.md §4.3). */
class ContactListTest {

    private static EventLoopGroup group;
    private static OscarEmulator emulator;
    private static OscarClient client;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        emulator = OscarEmulator.start(group, new InetSocketAddress("127.0.0.1", 0), Accounts.open());
        client = new OscarClient(group, new OscarClientConfig(
                emulator.address(), Duration.ofSeconds(2), Duration.ofSeconds(10), true, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static OscarSession login(String uin, RecordingListener events) throws Exception {
        return client.login(uin, "pw", events).get(10, TimeUnit.SECONDS);
    }

    @Test
    void addedContactIsListedAtTheNextSignOnUntilRemoved() throws Exception {
        RecordingListener first = new RecordingListener();
        OscarSession session = login("520001", first);
        assertThat(next(first.contactLists)).isEmpty();
        session.addContact("520002", "Bob").get(10, TimeUnit.SECONDS);
        session.addContact("520003", null).get(10, TimeUnit.SECONDS);
        session.close();
        session.closeFuture().get(10, TimeUnit.SECONDS);

        RecordingListener second = new RecordingListener();
        session = login("520001", second);
        assertThat(next(second.contactLists)).containsExactly(
                new Contact("520002", "Bob", "ICQ"), new Contact("520003", null, "ICQ"));
        session.removeContact("520002").get(10, TimeUnit.SECONDS);
        session.removeContact("529999").get(10, TimeUnit.SECONDS); // not listed: nothing to do
        session.close();
        session.closeFuture().get(10, TimeUnit.SECONDS);

        RecordingListener third = new RecordingListener();
        session = login("520001", third);
        assertThat(next(third.contactLists)).containsExactly(new Contact("520003", null, "ICQ"));
        session.close();
    }

    @Test
    void listedContactsSignOnIsReportedToTheOwner() throws Exception {
        RecordingListener owner = new RecordingListener();
        OscarSession session = login("520011", owner);
        session.addContact("520012", null).get(10, TimeUnit.SECONDS);
        OscarSession buddy = login("520012", new RecordingListener());
        try {
            assertThat(next(owner.presence).uin()).isEqualTo("520012");
        } finally {
            buddy.close();
            session.close();
        }
    }
}
